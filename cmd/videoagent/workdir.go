package main

import (
	"log/slog"
	"os"
	"path/filepath"
)

// resetWorkDir empties the scratch directory DATA/work at start and makes DATA/work/tmp
// the process's (and its tools') temporary directory. A killed server leaves its render,
// ingest and speech scratch files there; under the data directory lock no other process
// uses them, and jobs that were running start again from the beginning.
func resetWorkDir(log *slog.Logger, work string) error {
	entries, err := os.ReadDir(work)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(work, e.Name())); err != nil {
			return err
		}
	}
	if len(entries) > 0 {
		log.Info("removed scratch files left by a previous process", "dir", work, "entries", len(entries))
	}
	tmp := filepath.Join(work, "tmp")
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		return err
	}
	return os.Setenv("TMPDIR", tmp)
}
