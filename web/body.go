package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
)

// MaxRequestBody bounds an API request body; the largest real one (a
// crawl of many IDs) is a few kilobytes.
const MaxRequestBody = 1 << 20

// decodeBody reads exactly one JSON value into v, or writes the error.
// An empty body leaves v at its zero value.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	tooLarge := func() bool {
		writeError(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("request body is over the %d KiB limit", MaxRequestBody>>10), nil)
		return false
	}
	if r.ContentLength > MaxRequestBody {
		return tooLarge()
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxRequestBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		// Anything after the value is a client bug (two bodies glued
		// together, say); guessing which one was meant is worse.
		_, err = dec.Token()
		if errors.Is(err, io.EOF) {
			return true
		}
		var maxErr *http.MaxBytesError
		if !errors.As(err, &maxErr) {
			err = errTrailing
		}
	} else if err == io.EOF {
		return true // no body at all
	}
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return tooLarge()
	}
	writeError(w, http.StatusBadRequest, "bad_request", "invalid JSON body: "+describeJSONError(err, v), nil)
	return false
}

var errTrailing = errors.New("more data after the JSON value")

// describeJSONError rewrites encoding/json errors, which name Go types,
// in the terms of the API's documented fields.
func describeJSONError(err error, v any) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return "the body must be a JSON object"
		}
		return fmt.Sprintf("field %q must be %s", typeErr.Field, describeType(fieldType(v, typeErr.Field, typeErr.Type)))
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("%v (at byte %d)", syntaxErr, syntaxErr.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "it ends before the JSON value does"
	case errors.Is(err, errTrailing):
		return err.Error()
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if name, ok := strings.CutPrefix(msg, "unknown field "); ok {
		return fmt.Sprintf("unknown field %s (see the API reference)", name)
	}
	return msg
}

// fieldType finds the type of the top-level field named by its JSON key,
// so an element error in a list is reported against the whole list.
func fieldType(v any, key string, fallback reflect.Type) reflect.Type {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return fallback
	}
	top, _, _ := strings.Cut(key, ".")
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" {
			name = f.Name
		}
		if strings.EqualFold(name, top) {
			return f.Type
		}
	}
	return fallback
}

func describeType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number from 0"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list of " + describePlural(t.Elem())
	}
	return "an object"
}

func describePlural(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "strings"
	case reflect.Bool:
		return "true or false values"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Float32, reflect.Float64:
		return "numbers"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "whole numbers from 0"
	}
	return "objects"
}
