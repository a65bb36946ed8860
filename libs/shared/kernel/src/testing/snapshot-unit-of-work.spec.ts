import { SnapshotUnitOfWork } from './snapshot-unit-of-work.js';

class Store {
  readonly rows = new Map<string, string>();
  readonly seen = new Set<string>();
  readonly log: string[] = [];
}

describe('SnapshotUnitOfWork', () => {
  it('keeps what a unit wrote when it succeeds', async () => {
    const store = new Store();
    const uow = new SnapshotUnitOfWork([store]);
    await uow.run(async () => {
      store.rows.set('a', '1');
      store.log.push('a');
    });
    expect([...store.rows]).toEqual([['a', '1']]);
    expect(store.log).toEqual(['a']);
    expect(uow.runs).toBe(1);
  });

  it('puts every Map, Set and array back in place when the unit throws, nested runs included', async () => {
    const store = new Store();
    store.rows.set('kept', 'before');
    const rows = store.rows;
    const uow = new SnapshotUnitOfWork([store]);
    await expect(
      uow.run(async () => {
        store.rows.set('kept', 'changed');
        store.rows.set('new', 'x');
        store.seen.add('x');
        await uow.run(async () => store.log.push('inner'));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(store.rows).toBe(rows);
    expect([...store.rows]).toEqual([['kept', 'before']]);
    expect(store.seen.size).toBe(0);
    expect(store.log).toEqual([]);
    expect(uow.runs).toBe(1);
  });

  it('runs outermost units one after the other, so a rollback never undoes another unit', async () => {
    const store = new Store();
    const uow = new SnapshotUnitOfWork([store]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const failing = uow.run(async () => {
      store.log.push('first');
      await held;
      throw new Error('refused');
    });
    const second = uow.run(async () => store.log.push('second'));
    release();
    await expect(failing).rejects.toThrow('refused');
    await second;
    expect(store.log).toEqual(['second']);
  });
});
