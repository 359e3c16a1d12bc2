/** A ticket's number as people say and search it (issue 17): `#1042`. */
export const ticketNumber = (number: number): string => `#${number}`;
