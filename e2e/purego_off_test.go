//go:build !purego

package e2e

// pureGo says the suite was built with -tags purego (see purego_test.go).
const pureGo = false

const pureGoFlows = ""
