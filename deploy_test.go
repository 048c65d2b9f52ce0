package videoagent_test

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// installDepsPackages reads the package array of scripts/install-deps.sh.
func installDepsPackages(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile("scripts/install-deps.sh")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)\npackages=\((.*?)\n\)`).FindSubmatch(raw)
	if m == nil {
		t.Fatal("install-deps.sh: no packages=( ... ) array")
	}
	var pkgs []string
	for _, line := range strings.Split(string(m[1]), "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		pkgs = append(pkgs, strings.Fields(line)...)
	}
	return pkgs
}

// TestDockerfilePackagesMatchInstallDeps keeps the container's system packages those that
// scripts/install-deps.sh installs for a machine (and CI), in the same order, and checks
// that both stages install them.
func TestDockerfilePackagesMatchInstallDeps(t *testing.T) {
	raw, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	df := string(raw)
	m := regexp.MustCompile(`(?m)^ARG PACKAGES="([^"]*)"$`).FindStringSubmatch(df)
	if m == nil {
		t.Fatal(`Dockerfile: no ARG PACKAGES="..." line`)
	}
	docker := strings.Fields(m[1])
	want := installDepsPackages(t)
	if len(want) < 10 {
		t.Fatalf("install-deps.sh lists %d packages: the parse is wrong", len(want))
	}
	if !slices.Equal(docker, want) {
		t.Errorf("Dockerfile packages\n  %v\ninstall-deps.sh packages\n  %v", docker, want)
	}
	if n := strings.Count(df, "apt-get install -y --no-install-recommends $PACKAGES"); n != 2 {
		t.Errorf("Dockerfile installs $PACKAGES in %d stages, want 2 (build and runtime)", n)
	}
	for _, must := range []string{"FROM debian:bookworm-slim", "\nUSER videoagent\n", "\nVOLUME /data\n", "\nHEALTHCHECK ", "/healthz"} {
		if !strings.Contains(df, must) {
			t.Errorf("Dockerfile lacks %q", must)
		}
	}
}

// TestReadmeGivesDockerRun checks that the README tells how to run the container.
func TestReadmeGivesDockerRun(t *testing.T) {
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`docker run .*-v \S+:/data`).Match(raw) {
		t.Error("README.md has no `docker run ... -v ...:/data` line")
	}
}

// TestSystemdUnitVerifies runs systemd-analyze verify on the unit, when it is installed.
func TestSystemdUnitVerifies(t *testing.T) {
	sa, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed")
	}
	out, _ := exec.Command(sa, "verify", "deploy/videoagent.service").CombinedOutput()
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		// The binary is installed by the operator, not by the tests.
		if line == "" || strings.Contains(line, "/usr/local/bin/videoagent is not executable") {
			continue
		}
		t.Errorf("systemd-analyze verify: %s", line)
	}
}
