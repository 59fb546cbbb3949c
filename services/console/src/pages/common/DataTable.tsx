import type { ReactNode } from 'react';

/**
 * A table of records with a caption (hidden unless `showCaption`) and column headings. The wrapper scrolls sideways
 * on narrow screens and, named by the caption, can be scrolled with the keyboard.
 */
export function DataTable({
  id,
  caption,
  showCaption,
  columns,
  testId,
  children,
}: {
  /** Unique on the page: the caption's id is `${id}-caption`. */
  id: string;
  caption: ReactNode;
  showCaption?: boolean;
  columns: readonly string[];
  testId: string;
  children: ReactNode;
}) {
  const captionId = `${id}-caption`;
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table" data-testid={testId}>
        <caption id={captionId} className={showCaption ? undefined : 'visually-hidden'}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
