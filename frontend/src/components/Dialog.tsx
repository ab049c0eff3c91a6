import { useEffect, useId, useRef, type SubmitEvent, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog> element: focus moves into it and stays there, Escape closes it, and focus
 * returns to the element that opened it.
 */
export function Dialog({ open, title, onClose, children, footer, onSubmit, describedBy }: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer: ReactNode;
  onSubmit?: (event: SubmitEvent<HTMLFormElement>) => void;
  describedBy?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const opener = document.activeElement as HTMLElement | null;
      dialog.showModal();
      return () => {
        if (dialog.open) dialog.close();
        opener?.focus();
      };
    }
    return undefined;
  }, [open]);
  if (!open) return null;
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}>
      <form method="dialog" onSubmit={(event) => {
        event.preventDefault();
        onSubmit?.(event);
      }}>
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-footer">{footer}</div>
      </form>
    </dialog>
  );
}

/** "Are you sure?" with the consequence spelled out; the safe choice has the focus. */
export function ConfirmDialog({ open, title, message, confirmLabel, onConfirm, onCancel, busy = false, error }: {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: ReactNode;
}) {
  const messageId = useId();
  return (
    <Dialog open={open} title={title} onClose={onCancel} onSubmit={onConfirm} describedBy={messageId}
      footer={(
        <>
          <button type="button" className="button" onClick={onCancel} autoFocus>Cancel</button>
          <button type="submit" className="button button-danger" disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </>
      )}>
      <p id={messageId}>{message}</p>
      {error}
    </Dialog>
  );
}
