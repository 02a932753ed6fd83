export { backupDatabase, pruneBackups, type BackupOptions, type BackupResult } from './backup.ts';
export { restoreDatabase, type RestoreOptions, type RestoreResult } from './restore.ts';
export { applyRetention, backupFileName, DEFAULT_RETENTION, type Retention } from './retention.ts';
export { databaseInUse, isAlive, liveRunLockOwner, processesWithDatabaseOpen, runLockPath } from './in-use.ts';
export { BackupError, checkTrackerDatabase } from './sqlite-file.ts';
