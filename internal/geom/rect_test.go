package geom

import (
	"image"
	"math/rand"
	"testing"
)

// LargestRect finds a rectangle of set cells as large as any, checked against trying
// every rectangle, on discs, rings, noise and full or empty grids.
func TestLargestRect(t *testing.T) {
	rnd := rand.New(rand.NewSource(3))
	for n := 0; n < 300; n++ {
		w, h := 1+rnd.Intn(14), 1+rnd.Intn(14)
		grid := make([][]bool, h)
		cx, cy, r2 := rnd.Intn(w), rnd.Intn(h), rnd.Intn(60)
		for y := range h {
			grid[y] = make([]bool, w)
			for x := range w {
				d := (x-cx)*(x-cx) + (y-cy)*(y-cy)
				switch n % 4 {
				case 0: // a disc
					grid[y][x] = d <= r2
				case 1: // noise
					grid[y][x] = rnd.Intn(5) > 0
				case 2: // a ring
					grid[y][x] = d <= r2 && d >= r2/3
				case 3: // everything, or nothing, with a few holes
					grid[y][x] = n%8 == 3 && rnd.Intn(30) > 0
				}
			}
		}
		got := LargestRect(w, h, func(y int, in []bool) { copy(in, grid[y]) })
		if !all(grid, got) {
			t.Fatalf("%dx%d grid %d: %v holds a cell not set", w, h, n, got)
		}
		most := 0
		for y0 := range h {
			for x0 := range w {
				for y1 := y0 + 1; y1 <= h; y1++ {
					for x1 := x0 + 1; x1 <= w; x1++ {
						if r := image.Rect(x0, y0, x1, y1); r.Dx()*r.Dy() > most && all(grid, r) {
							most = r.Dx() * r.Dy()
						}
					}
				}
			}
		}
		if a := got.Dx() * got.Dy(); a != most {
			t.Fatalf("%dx%d grid %d: %v has %d cells, the largest rectangle %d", w, h, n, got, a, most)
		}
	}
}

func all(grid [][]bool, r image.Rectangle) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !grid[y][x] {
				return false
			}
		}
	}
	return true
}
