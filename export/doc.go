// Package export writes what redline has stored in forms other programs
// read: WARC 1.1 files of the pages as fetched, for the ordinary web-archive
// tools (warcio, pywb, OpenWayback), so evidence of what a page said can be
// checked without redline.
//
// Each stored page becomes a response record whose block is the HTTP
// response: a status line, the response header as fetched, and the body
// exactly as stored (the bytes as received, after Content-Encoding was
// undone). Because the body is stored decoded, header fields that describe
// an encoding or a length the body no longer has are kept under an
// "X-Archive-Orig-" prefix, the convention of the Wayback tools, and a
// correct Content-Length is written. A concurrent metadata record names the
// story and version and says whether the header is as fetched or, for a
// page stored before redline kept headers, synthesized from the stored
// status and charset.
package export
