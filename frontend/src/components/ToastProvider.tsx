import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { ToastContext } from './toasts';

/** Short confirmations ("Saved.") in a polite live region; they belong to a screen and go when the screen changes. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<{ id: number; text: string }[]>([]);
  const { pathname } = useLocation();
  const [shownOn, setShownOn] = useState(pathname);
  if (shownOn !== pathname) {
    setShownOn(pathname);
    setMessages([]);
  }
  const nextId = useRef(0);
  const show = useCallback((text: string) => {
    nextId.current += 1;
    const id = nextId.current;
    setMessages((list) => [...list.slice(-2), { id, text }]);
    window.setTimeout(() => setMessages((list) => list.filter((m) => m.id !== id)), 4000);
  }, []);
  const value = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {messages.map((m) => <div key={m.id} className="toast">{m.text}</div>)}
      </div>
    </ToastContext.Provider>
  );
}
