import { createContext, useContext } from 'react';

export interface Toasts {
  /** shows a short confirmation in a polite live region */
  show(message: string): void;
}

export const ToastContext = createContext<Toasts>({ show: () => undefined });

export function useToasts(): Toasts {
  return useContext(ToastContext);
}
