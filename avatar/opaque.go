package avatar

import "image"

// opaqueRect is the largest rectangle of img (by area) whose pixels are all opaque, or an
// empty one. A renderer skips drawing what lies under it: the torso and the face cover
// most of the region a talking presenter redraws every frame.
//
// It is the largest rectangle under a histogram, row by row: heights[x] counts the opaque
// pixels of column x ending at the row, and a stack of columns with rising heights finds,
// for each column, the widest run of columns at least as high.
func opaqueRect(img *image.RGBA) image.Rectangle {
	b := img.Rect
	w := b.Dx()
	heights := make([]int, w+1) // heights[w] stays 0, closing every run at the row's end
	stack := make([]int, 0, w+1)
	var best image.Rectangle
	area := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, y):]
		for x := range w {
			if row[4*x+3] == 255 {
				heights[x]++
			} else {
				heights[x] = 0
			}
		}
		stack = stack[:0]
		for x := 0; x <= w; x++ {
			for len(stack) > 0 && heights[stack[len(stack)-1]] >= heights[x] {
				h := heights[stack[len(stack)-1]]
				stack = stack[:len(stack)-1]
				left := 0
				if len(stack) > 0 {
					left = stack[len(stack)-1] + 1
				}
				if a := h * (x - left); a > area {
					area = a
					best = image.Rect(b.Min.X+left, y+1-h, b.Min.X+x, y+1)
				}
			}
			stack = append(stack, x)
		}
	}
	return best
}
