package avatar

import (
	"image"

	"github.com/openvideoagent/videoagent/internal/geom"
)

// opaqueRect is the largest rectangle of img (by area) whose pixels are all opaque, or an
// empty one. A renderer skips drawing what lies under it: the torso and the face cover
// most of the region a talking presenter redraws every frame.
func opaqueRect(img *image.RGBA) image.Rectangle {
	b := img.Rect
	r := geom.LargestRect(b.Dx(), b.Dy(), func(y int, in []bool) {
		row := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):]
		for x := range in {
			in[x] = row[4*x+3] == 255
		}
	})
	return r.Add(b.Min)
}
