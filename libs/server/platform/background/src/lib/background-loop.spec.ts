import { BackgroundLoop } from './background-loop.js';

class Counting extends BackgroundLoop {
  passes = 0;
  constructor() {
    super({ name: 'counting', logger: { warn: () => undefined } });
  }
  protected async pass(): Promise<null> {
    this.passes++;
    return null;
  }
  ask(): void {
    this.loop.request();
  }
}

describe('BackgroundLoop', () => {
  it('runs its pass once the application has started, when asked, and no more once stopped', async () => {
    const loop = new Counting();
    loop.ask();
    await new Promise((r) => setTimeout(r, 20));
    expect(loop.passes).toBe(0);
    loop.onApplicationBootstrap();
    await new Promise((r) => setTimeout(r, 20));
    expect(loop.passes).toBe(1);
    loop.ask();
    await new Promise((r) => setTimeout(r, 20));
    expect(loop.passes).toBe(2);
    await loop.onModuleDestroy();
    loop.ask();
    await new Promise((r) => setTimeout(r, 20));
    expect(loop.passes).toBe(2);
  });
});
