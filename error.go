// Package videoagent holds the domain of Open Video Agent: sessions, videos, storyboards,
// narrations and presenters, the application error, and the interfaces that the
// packages below it (sqlite, http, speech, avatar, render, agent, jobs) implement.
// It imports none of them.
package videoagent

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Error codes an API client can see. They are the v3 envelope's `error.code` values; the
// http package maps each to a status in one place.
const (
	EINVALID          = "invalid_parameter"
	EUNAUTHORIZED     = "unauthorized"
	EFORBIDDEN        = "forbidden"
	ENOTFOUND         = "not_found"
	EVIDEONOTFOUND    = "video_not_found"
	EAVATARNOTFOUND   = "avatar_not_found"
	EVOICENOTFOUND    = "voice_not_found"
	ECONFLICT         = "conflict"
	EINPROGRESS       = "request_in_progress"
	ETOOLARGE         = "payload_too_large"
	ERATELIMIT        = "rate_limit_exceeded"
	EINTERNAL         = "internal_error"
	EDOWNLOADFAILED   = "download_failed"
	EMETHODNOTALLOWED = "method_not_allowed"
)

// Failure codes a failed video carries in `failure_code`. Each says which stage gave up.
const (
	FailPlanning = "planning_failed"
	FailSpeech   = "speech_failed"
	FailRender   = "render_failed"
	FailPublish  = "publish_failed"
	FailInput    = "invalid_input"
	FailStopped  = "stopped"
	FailInternal = "internal_error"
)

// Error is an application error: a machine-readable code, a message fit for a user, and
// for validation errors the request field at fault. Internal details never go in Message;
// they are wrapped in Err and logged.
type Error struct {
	Code    string
	Message string
	Param   string
	Err     error
}

// Error implements the error interface.
func (e *Error) Error() string {
	s := e.Code + ": " + e.Message
	if e.Param != "" {
		s += " (param " + e.Param + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the internal cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns a validation error for one request field.
func Invalid(param, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Param: param, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, else EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err if it is (or wraps) an *Error, else a
// generic message: internal details are not shown to users.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	if err == nil {
		return ""
	}
	return "Internal error."
}

// ErrorParam returns the field named by err, if any.
func ErrorParam(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Param
	}
	return ""
}

// Failure is what a failed video records: a failure code (Fail*) and a message for users.
// Stages return it so the job knows which stage gave up and why.
type Failure struct {
	Code    string
	Message string
	Err     error
}

// Error implements the error interface.
func (f *Failure) Error() string {
	if f.Err != nil {
		return f.Code + ": " + f.Message + ": " + f.Err.Error()
	}
	return f.Code + ": " + f.Message
}

// Unwrap returns the internal cause.
func (f *Failure) Unwrap() error { return f.Err }

// Failf returns a *Failure with a formatted message, wrapping err (which may be nil).
func Failf(code string, err error, format string, args ...any) *Failure {
	return &Failure{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// JSONError is the validation error for err, a failure to decode a JSON request body into
// a Go value: a value of the wrong type names its field (after prefix, the path of the
// object decoded, "" or like "scenes[2].") and the JSON type it must have; a syntax error
// says where. Other errors are returned as a malformed-JSON error.
func JSONError(err error, prefix string) *Error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return Invalid(strings.TrimSuffix(prefix, "."), "The request body must be a JSON object.")
		}
		return Invalid(prefix+te.Field, "%s must be of type %s.", prefix+te.Field, jsonTypeName(te.Type.String()))
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return Invalid(strings.TrimSuffix(prefix, "."), "Malformed JSON at byte %d: %s.", se.Offset, se.Error())
	}
	return Invalid(strings.TrimSuffix(prefix, "."), "Malformed JSON: %s.", err.Error())
}

// jsonTypeName is the JSON type a Go type decodes from.
func jsonTypeName(goType string) string {
	t := strings.TrimLeft(goType, "*")
	switch {
	case t == "string":
		return "string"
	case t == "bool":
		return "boolean"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "float"), strings.HasPrefix(t, "uint"):
		return "number"
	case strings.HasPrefix(t, "[]"), strings.HasPrefix(t, "["):
		return "array"
	}
	return "object"
}
