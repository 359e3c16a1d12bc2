import { Alert } from '@mantine/core';

/** A form's error that belongs to no field, above the fields; announced when it appears. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  );
}
