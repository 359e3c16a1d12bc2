import { Badge, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // a visible focus ring for keyboard users on every control
  focusRing: 'auto',
  components: {
    // Badges carry roles, statuses and access reasons: a table squeezing them to "Ad…" hides the
    // very thing they say, so they keep their full width and the text around them wraps instead.
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }),
  },
});
