-- Nothing reads events by device (pulls go by learner); the index cost every push a B-tree insert per event.
DROP INDEX IF EXISTS events_by_device;
