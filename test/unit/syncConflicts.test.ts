/**
 * Issue 19: how concurrent changes on two machines resolve, the same way on both, by (Lamport
 * clock, machine id), never by a wall clock; and the same work named once. Separate database
 * files exchange their operations as sync does.
 */
import * as assert from 'node:assert/strict';
import type { Machine } from '../support/machines';
import { exchange, openMachines, randomSource, sharedCommits } from '../support/machines';
import { cleanupsAfterEach, recordCommits } from '../support/harness';
import { written } from '../support/written';

suite('concurrent changes on two machines', () => {
  const cleanups = cleanupsAfterEach();

  const twoMachines = (): [Machine, Machine] => {
    const [laptop, desktop] = openMachines(2, randomSource(7));
    cleanups.push(() => laptop.close(), () => desktop.close());
    return [laptop, desktop];
  };
  const both = (laptop: Machine, desktop: Machine) => {
    exchange(laptop, desktop);
    exchange(desktop, laptop);
  };
  const textOn = (machine: Machine, id: string) => machine.store.outcomes.outcome(id)?.text;

  test('both rename the same outcome: the same name wins on both machines, and the other stays in its history', () => {
    const [laptop, desktop] = twoMachines();
    const outcome = written(laptop.store.changes.createOutcome({ text: 'Faster checkout', kind: 'impact', source: 'manual' }));
    both(laptop, desktop);
    written(laptop.store.changes.editOutcome(outcome.id, { text: 'Checkout in one step' }));
    written(desktop.store.changes.editOutcome(outcome.id, { text: 'Checkout without a second page' }));
    both(laptop, desktop);
    assert.equal(textOn(laptop, outcome.id), textOn(desktop, outcome.id));
    const history = [...laptop.store.operations.all()].flatMap((operation) => (operation.change.type === 'outcome.edit' ? [operation.change.text] : []));
    assert.deepEqual(new Set(history), new Set(['Checkout in one step', 'Checkout without a second page']));
    assert.equal(laptop.store.operations.digest(), desktop.store.operations.digest());
  });

  test('deleted on one machine while renamed on the other: it stays deleted, with the new name kept in it, and a restore brings that name back', () => {
    const [laptop, desktop] = twoMachines();
    const outcome = written(laptop.store.changes.createOutcome({ text: 'Faster checkout', kind: 'impact', source: 'manual' }));
    both(laptop, desktop);
    const deleted = written(laptop.store.changes.deleteOutcome(outcome.id))!;
    written(desktop.store.changes.editOutcome(outcome.id, { text: 'Checkout in one step' }));
    both(laptop, desktop);
    assert.equal(textOn(laptop, outcome.id), undefined, 'deleted on the laptop');
    assert.equal(textOn(desktop, outcome.id), undefined, 'deleted on the desktop');
    assert.equal(desktop.store.outcomes.deleted(outcome.id)?.outcome.text, 'Checkout in one step');
    written(laptop.store.changes.restoreOutcome(laptop.store.outcomes.deleted(outcome.id) ?? deleted));
    both(laptop, desktop);
    assert.equal(textOn(laptop, outcome.id), 'Checkout in one step');
    assert.equal(textOn(desktop, outcome.id), 'Checkout in one step');
  });

  test('deleted on one machine while renamed on the other, whichever is later by clock: it stays deleted on both, with the new name kept in it', () => {
    for (const later of ['the rename', 'the delete'] as const) {
      const [laptop, desktop] = twoMachines();
      const outcome = written(laptop.store.changes.createOutcome({ text: 'Faster checkout', kind: 'impact', source: 'manual' }));
      both(laptop, desktop);
      // Other work moves one machine's Lamport clock ahead of the other's.
      const busy = later === 'the rename' ? desktop : laptop;
      for (let change = 0; change < 5; change++) written(busy.store.changes.createGoal({ title: `Goal ${change}` }));
      written(laptop.store.changes.deleteOutcome(outcome.id));
      written(desktop.store.changes.editOutcome(outcome.id, { text: 'Checkout in one step' }));
      const clockOf = (machine: Machine, type: string) => [...machine.store.operations.all()].find((operation) => operation.change.type === type)!.clock;
      const [deleteClock, renameClock] = [clockOf(laptop, 'outcome.delete'), clockOf(desktop, 'outcome.edit')];
      assert.ok(later === 'the rename' ? renameClock > deleteClock : deleteClock > renameClock, `${later} is later by clock`);
      both(laptop, desktop);
      for (const machine of [laptop, desktop]) {
        assert.equal(textOn(machine, outcome.id), undefined, `deleted on ${machine.name} when ${later} is later`);
        assert.equal(machine.store.outcomes.deleted(outcome.id)?.outcome.text, 'Checkout in one step', `the new name kept on ${machine.name} when ${later} is later`);
      }
      assert.equal(laptop.store.operations.digest(), desktop.store.operations.digest());
    }
  });

  test('Undo of a delete after a rename from the other machine arrived brings the outcome back under that name, alike on both', () => {
    const [laptop, desktop] = twoMachines();
    const outcome = written(laptop.store.changes.createOutcome({ text: 'Faster checkout', kind: 'impact', source: 'manual' }));
    both(laptop, desktop);
    // What the delete's notification keeps for its Undo: the outcome as it was deleted.
    const deleted = written(laptop.store.changes.deleteOutcome(outcome.id))!;
    written(desktop.store.changes.editOutcome(outcome.id, { text: 'Checkout in one step' }));
    both(laptop, desktop); // a background sync, while the notification still offers Undo
    written(laptop.store.changes.restoreOutcome(deleted));
    both(laptop, desktop);
    assert.equal(textOn(laptop, outcome.id), 'Checkout in one step');
    assert.equal(textOn(desktop, outcome.id), 'Checkout in one step');
    assert.equal(laptop.store.operations.digest(), desktop.store.operations.digest());
  });

  test('a clock a day behind loses nothing: the later change by Lamport clock wins, whatever the wall clocks say', () => {
    const [laptop, desktop] = twoMachines();
    const outcome = written(laptop.store.changes.createOutcome({ text: 'First words', kind: 'impact', source: 'manual' }));
    both(laptop, desktop);
    written(desktop.store.changes.editOutcome(outcome.id, { text: 'Second words' }));
    both(laptop, desktop);
    written(laptop.store.changes.editOutcome(outcome.id, { text: 'Third words' }));
    both(laptop, desktop);
    assert.equal(textOn(laptop, outcome.id), 'Third words');
    assert.equal(textOn(desktop, outcome.id), 'Third words');
  });

  test('a prompt answered on one machine is not asked again on the other once synced, and the commit is one record there', () => {
    const [laptop, desktop] = twoMachines();
    const commits = sharedCommits([laptop, desktop], 1);
    const [onLaptop] = commits.get(laptop)!;
    assert.equal(desktop.store.log.countWaiting(), 1, 'waiting on the desktop too');
    written(laptop.store.changes.createOutcome({ text: 'Invoices print on one page', kind: 'impact', source: 'commit', commitIds: [onLaptop.id] }));
    exchange(laptop, desktop);
    assert.equal(desktop.store.log.countWaiting(), 0, 'nothing waits on the desktop');
    const [named] = desktop.store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER);
    assert.equal(named.text, 'Invoices print on one page');
    assert.deepEqual(named.commitIds, [commits.get(desktop)![0].id], 'linked to the desktop\'s own record of that commit');
  });

  test('work named on a machine that has no record of its commit brings the commit along', () => {
    const [laptop, desktop] = twoMachines();
    const [onLaptop] = sharedCommits([laptop], 1).get(laptop)!;
    written(laptop.store.changes.createOutcome({ text: 'Invoices print on one page', kind: 'impact', source: 'commit', commitIds: [onLaptop.id] }));
    exchange(laptop, desktop);
    const [named] = desktop.store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER);
    assert.equal(desktop.store.scans.commit(named.commitIds[0])?.sha, onLaptop.sha);
    assert.equal(desktop.store.scans.commit(named.commitIds[0])?.status, 'named');
    assert.equal(laptop.store.operations.digest(), desktop.store.operations.digest());
  });

  test('a copy of the commit on the other machine (cherry-picked there: another sha, the same change) is the record the outcome links, and waits no more', () => {
    const [laptop, desktop] = twoMachines();
    const [onLaptop] = sharedCommits([laptop], 1).get(laptop)!;
    const [copy] = recordCommits(desktop.store, '/home/dev/machine-1/shop', [
      { sha: 'e'.repeat(40), subject: onLaptop.subject, authorEmail: onLaptop.authorEmail, authorTime: onLaptop.authorTime, branch: 'release', isMerge: false, patchId: '0'.padStart(40, 'd') /* the change of sharedCommits' first commit */ },
    ]);
    written(laptop.store.changes.createOutcome({ text: 'Invoices print on one page', kind: 'impact', source: 'commit', commitIds: [onLaptop.id] }));
    exchange(laptop, desktop);
    const [named] = desktop.store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER);
    assert.deepEqual(named.commitIds, [copy.id]);
    assert.equal(desktop.store.log.countWaiting(), 0);
  });

  test('a repository known by its name alone (no first commit read yet, no remote) is one repository on the other machine, not one per commit', () => {
    const [laptop, desktop] = twoMachines();
    // As a log from before repositories were known by their first commit holds a repository not scanned since.
    const commits = recordCommits(laptop.store, '/home/dev/notes', [0, 1, 2].map((index) => ({ sha: String(index).repeat(40), subject: `docs: page ${index}`, authorEmail: 'dev@example.com', authorTime: Date.UTC(2026, 10, 2, index), branch: 'main', isMerge: false })));
    written(laptop.store.changes.createOutcome({ text: 'The runbook covers failover', kind: 'impact', source: 'commit', commitIds: [commits[0].id, commits[1].id] }));
    written(laptop.store.changes.createOutcome({ text: 'The runbook has a glossary', kind: 'impact', source: 'commit', commitIds: [commits[2].id] }));
    exchange(laptop, desktop);
    const notes = [...desktop.store.log.repositories().values()].filter((repo) => repo.name === 'notes');
    assert.equal(notes.length, 1, `one repository "notes", found ${notes.length}`);
    const repoIds = desktop.store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER).flatMap((outcome) => [outcome.repoId, ...outcome.commitIds.map((id) => desktop.store.scans.commit(id)?.repoId)]);
    assert.deepEqual(new Set(repoIds), new Set([notes[0].id]));
  });

  test('both machines name the same work before they sync: both lines stay, nothing typed is lost', () => {
    const [laptop, desktop] = twoMachines();
    const commits = sharedCommits([laptop, desktop], 1);
    written(laptop.store.changes.createOutcome({ text: 'Named on the laptop', kind: 'impact', source: 'commit', commitIds: [commits.get(laptop)![0].id] }));
    written(desktop.store.changes.createOutcome({ text: 'Named on the desktop', kind: 'impact', source: 'commit', commitIds: [commits.get(desktop)![0].id] }));
    both(laptop, desktop);
    const texts = (machine: Machine) => machine.store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER).map((outcome) => outcome.text).sort();
    assert.deepEqual(texts(laptop), ['Named on the desktop', 'Named on the laptop']);
    assert.deepEqual(texts(desktop), texts(laptop));
    assert.equal(laptop.store.operations.digest(), desktop.store.operations.digest());
  });
});
