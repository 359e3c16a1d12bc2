import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

const show = (source: string) => render(<Markdown>{source}</Markdown>, { wrapper: MantineProvider });

describe('Markdown', () => {
  it('renders emphasis, lists and line breaks', () => {
    const { container } = show('**bold** and *it*\nnext line\n\n- one\n- two');
    expect(screen.getByText('bold').tagName).toBe('STRONG');
    expect(screen.getByText('it').tagName).toBe('EM');
    expect(container.querySelector('br')).not.toBeNull(); // a single line break stays one
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });

  it('keeps raw HTML as visible text', () => {
    const { container } = show('<b onclick="steal()">hi</b> <iframe src="https://evil.example"></iframe>');
    expect(container.querySelector('b, iframe, [onclick]')).toBeNull();
    expect(container).toHaveTextContent('<b onclick="steal()">hi</b>');
  });

  it('opens links in a new tab without handing over the page, and drops script URLs', () => {
    show('[docs](https://example.com/docs) [bad](javascript:alert(1))');
    const docs = screen.getByRole('link', { name: 'docs' });
    expect(docs).toHaveAttribute('href', 'https://example.com/docs');
    expect(docs).toHaveAttribute('target', '_blank');
    expect(docs.getAttribute('rel')).toContain('noopener');
    expect(screen.getByText('bad').getAttribute('href') ?? '').toBe('');
  });

  it('turns images into links and headings into bold lines', () => {
    const { container } = show('![screenshot](https://example.com/a.png)\n\n# Big title');
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('link', { name: 'screenshot' })).toHaveAttribute('href', 'https://example.com/a.png');
    expect(screen.queryByRole('heading')).not.toBeInTheDocument();
    expect(screen.getByText('Big title').tagName).toBe('STRONG');
  });
});
