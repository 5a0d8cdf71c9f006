import { mount } from './mount.tsx';
import { AlertsPage } from './AlertsPage.tsx';

mount(<AlertsPage />);
