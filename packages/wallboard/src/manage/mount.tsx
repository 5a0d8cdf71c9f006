// Mounts a manager or lead page with its own react-query client.
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import './manage.css';

export function mount(page: ReactNode): void {
  const client = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from the page');
  createRoot(root).render(<QueryClientProvider client={client}>{page}</QueryClientProvider>);
}
