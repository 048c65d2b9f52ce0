// Package geom holds small geometry shared by the presenter's sprites and the render
// checks.
package geom

import "image"

// LargestRect is the largest rectangle (by area) of a grid of w columns and h rows whose
// cells are all set, or an empty one. set fills in the cells of row y (all false when it
// is called).
//
// It is the largest rectangle under a histogram, row by row: heights[x] counts the set
// cells of column x ending at the row, and a stack of columns with rising heights finds,
// for each column, the widest run of columns at least as high.
func LargestRect(w, h int, set func(y int, in []bool)) image.Rectangle {
	in := make([]bool, w)
	heights := make([]int, w+1) // heights[w] stays 0, closing every run at the row's end
	stack := make([]int, 0, w+1)
	var best image.Rectangle
	area := 0
	for y := range h {
		clear(in)
		set(y, in)
		for x, ok := range in {
			if ok {
				heights[x]++
			} else {
				heights[x] = 0
			}
		}
		stack = stack[:0]
		for x := 0; x <= w; x++ {
			for len(stack) > 0 && heights[stack[len(stack)-1]] >= heights[x] {
				top := heights[stack[len(stack)-1]]
				stack = stack[:len(stack)-1]
				left := 0
				if len(stack) > 0 {
					left = stack[len(stack)-1] + 1
				}
				if a := top * (x - left); a > area {
					area = a
					best = image.Rect(left, y+1-top, x, y+1)
				}
			}
			stack = append(stack, x)
		}
	}
	return best
}
