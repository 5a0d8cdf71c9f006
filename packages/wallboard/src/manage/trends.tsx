import { mount } from './mount.tsx';
import { TrendsPage } from './TrendsPage.tsx';

mount(<TrendsPage />);
