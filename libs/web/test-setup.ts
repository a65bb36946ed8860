// Angular's TestBed for every web unit test (jest.web.config.cjs): zoneless, like the apps.
import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv();
