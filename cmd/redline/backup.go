package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline/internal/dbowner"
	"github.com/redline-news/redline/store"
)

func newBackupCommand(a *app) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the database to FILE, also while the daemon runs",
		Long: `backup copies the whole database to FILE in one read transaction, so the copy
is consistent even while a daemon or a cron crawl writes to it: through that
process's API when one holds the database, else by opening it read-only.

The copy is written beside FILE, synced, opened and checked like "redline
check", and only then moved into place, so FILE is never a partial copy. An
existing FILE is kept unless --force is given.`,
		Example: `  17 3 * * *  redline backup --config /etc/redline/redline.yaml /backups/redline-$(date +\%F).db`,
		Args:    argsBetween(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dst := args[0]
			if err := a.load(); err != nil {
				return err
			}
			if err := checkBackupTarget(dst, a.cfg.DB, force); err != nil {
				return err
			}
			s, err := a.session(cmd.Context(), readOnly)
			if err != nil {
				return err
			}
			defer s.Close()
			if s.remote != "" {
				fmt.Fprintf(a.stderr, "the database is held by a running redline %s; copying through it\n", s.remote)
			}
			tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".*.tmp")
			if err != nil {
				return fmt.Errorf("backup: %s: %w", dst, err)
			}
			defer os.Remove(tmp.Name()) // a no-op once it is in place
			n, err := s.svc.Backup(cmd.Context(), tmp, nil)
			if err == nil {
				err = tmp.Sync()
			}
			if closeErr := tmp.Close(); err == nil {
				err = closeErr
			}
			if err != nil {
				return fmt.Errorf("backup of %s to %s: %w", a.cfg.DB, dst, err)
			}
			stats, err := verifyBackup(tmp.Name())
			if err != nil {
				return fmt.Errorf("backup of %s to %s: the copy does not check out, nothing written: %w", a.cfg.DB, dst, err)
			}
			if err := placeFile(tmp.Name(), dst, force); err != nil {
				return fmt.Errorf("backup: %w", err)
			}
			fmt.Fprintf(a.stdout, "backed up %s to %s: %s, %s, %s, checked\n", a.cfg.DB, dst,
				sizeString(n), plural(stats.Stories, "story"), plural(stats.Versions, "version"))
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists")
	return cmd
}

// checkBackupTarget refuses, before any work, a FILE that would be
// overwritten without --force or that is the database itself.
func checkBackupTarget(dst, db string, force bool) error {
	if dbowner.SameFile(dst, db) {
		return usagef("backup: %s is the database itself; name another file", dst)
	}
	fi, err := os.Stat(dst)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("backup: %s: %w", dst, err)
	case fi.IsDir():
		return usagef("backup: %s is a directory; name the file to write", dst)
	case !force:
		return usagef("backup: %s already exists; pass --force to replace it", dst)
	}
	return nil
}

// verifyBackup opens the copy as redline would and runs the full check.
func verifyBackup(path string) (store.Stats, error) {
	s, err := store.Open(path, store.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		return store.Stats{}, err
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		return store.Stats{}, err
	}
	return s.Stats()
}

// placeFile moves the finished tmp to dst. Without force it links, which
// fails if dst appeared meanwhile, instead of renaming over it.
func placeFile(tmp, dst string, force bool) error {
	if force {
		if err := os.Rename(tmp, dst); err != nil {
			return fmt.Errorf("move the copy to %s: %w", dst, err)
		}
	} else if err := os.Link(tmp, dst); err != nil {
		if errors.Is(err, os.ErrExist) {
			return usagef("%s appeared while the copy was written; pass --force to replace it", dst)
		}
		return fmt.Errorf("move the copy to %s: %w", dst, err)
	}
	d, err := os.Open(filepath.Dir(dst))
	if err != nil {
		return nil // the copy is in place; only the rename's durability is unconfirmed
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}

// sizeString prints a byte count the way an operator reads file sizes.
func sizeString(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
