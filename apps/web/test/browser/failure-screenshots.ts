// Setup file of the browser project: when a test fails, every page it left open is saved as a
// screenshot in apps/web/test-results/ (git-ignored), before the file's afterAll closes the browser.
import { beforeEach } from 'vitest';
import { screenshotOpenPages } from './harness.ts';

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(() => screenshotOpenPages(task.name));
});
