package main

import (
	"fmt"
	"regexp"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/redline-news/redline/configs"
)

func newConfigCommand(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Check, print or create the configuration",
		Args:  noArgs,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "check",
		Short: "Validate the config file and report every problem with its line",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.load(); err != nil {
				return err
			}
			if _, err := a.newExtractor(); err != nil {
				return err
			}
			src := a.cfg.path
			if src == "" {
				src = "built-in defaults (no config file)"
			}
			fmt.Fprintf(a.stdout, "config ok: %s (%s, %s)\n", src, plural(len(a.cfg.Stories), "story"), plural(len(a.cfg.Feeds), "feed"))
			return nil
		},
	}, &cobra.Command{
		Use:   "show",
		Short: "Print the effective configuration, secrets redacted",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.load(); err != nil {
				return err
			}
			out, err := yaml.Marshal(a.cfg)
			if err != nil {
				return err
			}
			_, err = a.stdout.Write(redactSecrets(out))
			return err
		},
	}, &cobra.Command{
		Use:   "example",
		Short: "Print the documented example config (redline config example > redline.yaml)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := a.stdout.Write(configs.Example)
			return err
		},
	})
	return cmd
}

var secretLine = regexp.MustCompile(`(?m)^(\s*(?:[a-z_]*_)?(?:password|token|secret|api_key)\s*:\s*).+$`)

// redactSecrets hides values of secret-looking keys, so `config show` can
// be pasted into an issue.
func redactSecrets(b []byte) []byte {
	return secretLine.ReplaceAll(b, []byte("${1}'[redacted]'"))
}
