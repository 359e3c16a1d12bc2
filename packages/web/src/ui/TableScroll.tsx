import { Box } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A wide table scrolls sideways inside this box on a narrow screen instead of widening the page.
 * While it does, the box is a named region that takes the focus, so the keyboard can scroll it too;
 * when the table fits, it is no extra Tab stop.
 */
export function TableScroll({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth);
    measure();
    // the window changes the box, more rows or longer names the table in it
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <Box ref={box} className="table-scroll" {...(scrolls ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
