// The load-time baseline: the same stack (Vite build, React 19 root, served by vite preview) with nothing in it.
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<p data-ready>ready</p>);
