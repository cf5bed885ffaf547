package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

// gitSize is issue 14's peer: a NewsDiffs-style git repository of the
// versions a redline database holds, one file per story (the article's
// text, then the page it came from), one commit per pass, packed by
// git gc. It is built from the database itself, so both hold exactly
// the same versions and pages.
type gitSize struct {
	gitDir   int64 // bytes under .git after gc
	versions int64
}

// gitRepo builds the repository in dir from the database at dbPath and
// measures it. The second result is false when git is not on PATH. Only
// the local git binary runs; its user and system config are ignored, so
// a hook or a gc setting of this machine cannot change the figure.
func gitRepo(dir, dbPath string, aggressive bool) (gitSize, bool, error) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		return gitSize{}, false, nil
	}
	git := func(args ...string) error {
		cmd := exec.Command(gitBin, append([]string{"-c", "user.name=bench", "-c", "user.email=bench@127.0.0.1", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("bench: git %s: %w: %s", strings.Join(args, " "), err, bytes.TrimSpace(out))
		}
		return nil
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return gitSize{}, true, fmt.Errorf("bench: %w", err)
	}
	if err := git("init", "-q"); err != nil {
		return gitSize{}, true, err
	}
	passes, err := passFiles(dbPath)
	if err != nil {
		return gitSize{}, true, err
	}
	var n int64
	for i, files := range passes {
		for name, body := range files {
			if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
				return gitSize{}, true, fmt.Errorf("bench: %w", err)
			}
		}
		n += int64(len(files))
		if err := git("add", "-A"); err != nil {
			return gitSize{}, true, err
		}
		if err := git("commit", "-q", "-m", fmt.Sprintf("pass %d", i+1)); err != nil {
			return gitSize{}, true, err
		}
	}
	gc := []string{"gc", "-q"}
	if aggressive {
		gc = append(gc, "--aggressive")
	}
	if err := git(gc...); err != nil {
		return gitSize{}, true, err
	}
	size, err := dirSize(filepath.Join(dir, ".git"))
	return gitSize{gitDir: size, versions: n}, true, err
}

// passFiles reads every version from the database, read-only, after the
// redline process that wrote it has exited: passes[k] holds each story's
// file as of its version k+1, so a story changed in fewer passes than
// another simply is not in the later commits.
func passFiles(dbPath string) ([]map[string][]byte, error) {
	s, err := store.Open(dbPath, store.Options{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	defer s.Close()
	stories, err := s.Stories()
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	var passes []map[string][]byte
	for _, st := range stories {
		err := s.EachVersion(st.ID, true, func(v redline.Version, raw []byte) error {
			for len(passes) < v.N {
				passes = append(passes, map[string][]byte{})
			}
			passes[v.N-1][fmt.Sprintf("story-%d.txt", st.ID)] = storyFile(v.Article, raw)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
	}
	return passes, nil
}

// storyFile is what NewsDiffs commits for a version: headline, byline and
// body as text; the raw page follows, as issue 14's "text + HTML" has it.
func storyFile(a redline.Article, raw []byte) []byte {
	var b bytes.Buffer
	for _, line := range []string{a.Headline, a.Byline, a.Dek} {
		if line != "" {
			b.WriteString(line + "\n\n")
		}
	}
	for _, p := range append(append([]string(nil), a.Paragraphs...), a.Notes...) {
		b.WriteString(p + "\n\n")
	}
	b.Write(raw)
	return b.Bytes()
}

// dirSize is the apparent size of every file under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err == nil {
			n += fi.Size()
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("bench: size of %s: %w", dir, err)
	}
	return n, nil
}
