import { Typography } from '@mantine/core';
import type { ComponentProps, ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkBreaks from 'remark-breaks';
import remarkGfm from 'remark-gfm';

const LINK = { target: '_blank', rel: 'noopener noreferrer nofollow ugc' } as const;
const strong = ({ children }: { children?: ReactNode }) => (
  <p>
    <strong>{children}</strong>
  </p>
);

/**
 * What people write may be Markdown, never HTML: without rehype-raw, react-markdown turns any HTML in
 * the text into plain text (a typed `<script>` shows as those characters), and its URL filter drops
 * `javascript:` links. Headings shrink to bold lines (the page keeps its own outline), images become
 * links (no remote loads from someone else's text), links open in a new tab, wide tables scroll.
 */
const COMPONENTS: Components = {
  a: ({ href, children }) => (
    <a href={href} {...LINK}>
      {children}
    </a>
  ),
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <a href={src} {...LINK}>
        {alt || src}
      </a>
    ) : null,
  h1: strong,
  h2: strong,
  h3: strong,
  h4: strong,
  h5: strong,
  h6: strong,
  table: ({ children }) => (
    <div style={{ overflowX: 'auto' }}>
      <table>{children}</table>
    </div>
  ),
};

const PLUGINS: ComponentProps<typeof ReactMarkdown>['remarkPlugins'] = [remarkGfm, remarkBreaks];

/** Renders a message's Markdown source safely (conversation.md: "never trusted as HTML"). */
export function Markdown({ children }: { children: string }) {
  return (
    <Typography style={{ overflowWrap: 'anywhere' }}>
      <ReactMarkdown remarkPlugins={PLUGINS} components={COMPONENTS}>
        {children}
      </ReactMarkdown>
    </Typography>
  );
}
