import { useEffect, useRef, type ReactNode } from 'react';

/**
 * One screen: sets the document title and moves focus to the heading when the screen opens, so keyboard and
 * screen-reader users land at the start of the new content after a navigation.
 */
export function Page({ title, actions, children, wide = false, aside }: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  wide?: boolean;
  /** a side panel next to the content (below it on narrow screens) */
  aside?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · PyAirtable`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className={wide ? 'page page-wide' : 'page'}>
      <div className="page-header">
        <h1 ref={heading} tabIndex={-1}>{title}</h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {aside ? (
        <div className="page-with-aside">
          <div className="page-main">{children}</div>
          {aside}
        </div>
      ) : children}
    </div>
  );
}
