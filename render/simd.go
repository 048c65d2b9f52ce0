package render

// simd says which inner loops run: the SIMD kernels (AVX2, and FMA for the resampler's
// filter) or the plain Go loops alone. The kernels exist on amd64 builds without the
// purego tag and run where the CPU has the instructions (hostSIMD); everything else has
// the plain loops only (plainSIMD). The choice is passed as a value to each function with
// a kernel inside, so that tests run both paths side by side and compare their bytes; the
// plain loops are the reference the kernels must match exactly.
type simd struct{ avx2, fma bool }

// plainSIMD runs the plain Go loops only.
var plainSIMD = simd{}
