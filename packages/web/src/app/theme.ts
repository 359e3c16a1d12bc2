import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // a visible focus ring for keyboard users on every control
  focusRing: 'auto',
});
