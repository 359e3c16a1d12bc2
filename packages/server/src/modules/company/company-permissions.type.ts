import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'What the viewer may do in a company (access-model.md); the server still checks every mutation.',
  simpleResolvers: true,
})
export class CompanyPermissions {
  @Field({ description: 'inviteMember, resendInvitation, revokeInvitation.' })
  invite: boolean;

  @Field({ description: 'Company.invitations.' })
  listInvitations: boolean;

  @Field({ description: 'Company.memberships (colleagues).' })
  listMembers: boolean;

  @Field({ description: 'updateMembership and removeMembership.' })
  manageMembers: boolean;

  @Field({ description: 'updateCompany of settings.membersSeeCompanyTickets.' })
  changeMembersSeeCompanyTickets: boolean;

  @Field({ description: 'Rename, move, every setting (staff ADMIN).' })
  manageCompany: boolean;

  @Field({ description: 'createTicket in this company: staff, a live membership here, or its tickets seen company-wide.' })
  createTicket: boolean;

  @Field({ description: "Company.signInEvents: staff, and the company's ADMINISTRATORs." })
  readSignInLog: boolean;
}
