package avatar

// Version changes whenever the drawing of any look changes (shapes, colours, motion). Caches
// of rendered pixels (the renderer's segments, stored previews) include it, so that a new
// drawing is never mixed with old frames.
const Version = "2"
