package mp4

// The movie index Join writes: a video track of the segments' samples and an AAC track,
// each with an edit list that starts at its first sample, as ffmpeg writes them.

const movieTimescale = 1000

// identity is the unity transformation matrix of mvhd and tkhd.
var identity = [9]uint32{0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000}

// moov builds the movie box; wide selects 64-bit chunk offsets.
func (l *layout) moov(wide bool) []byte {
	var w builder
	vts := l.segs[0].timescale
	var vdur uint64
	for _, r := range l.video {
		vdur += uint64(l.segs[r.seg].durations[r.i])
	}
	adur := uint64(len(l.aac.frames)) * 1024
	vms, ams := toMovie(vdur, vts), toMovie(adur, l.aac.rate)
	w.box("moov", func() {
		w.full("mvhd", 0, 0, func() {
			w.u32(0) // creation and modification times: none, as ffmpeg writes them
			w.u32(0)
			w.u32(movieTimescale)
			w.u32(uint32(max(vms, ams)))
			w.u32(0x10000) // rate 1.0
			w.u16(0x100)   // volume 1.0
			w.zeros(10)
			for _, m := range identity {
				w.u32(m)
			}
			w.zeros(24)
			w.u32(3) // next track ID
		})
		l.videoTrak(&w, vms, vdur, wide)
		l.audioTrak(&w, ams, adur, wide)
	})
	return w.b
}

// toMovie converts a duration in timescale ts to the movie's timescale, rounded up as
// ffmpeg does, so that the edit does not cut the last sample short.
func toMovie(d uint64, ts uint32) uint64 {
	return (d*movieTimescale + uint64(ts) - 1) / uint64(ts)
}

// trackHeader writes tkhd and the edit list, which shows the media from start.
func trackHeader(w *builder, id uint32, movieDur uint64, audio bool, size []byte, start int64) {
	w.full("tkhd", 0, 3, func() { // enabled, in the movie
		w.zeros(8)
		w.u32(id)
		w.u32(0)
		w.u32(uint32(movieDur))
		w.zeros(8)
		w.u16(0) // layer
		if audio {
			w.u16(1)     // alternate group
			w.u16(0x100) // volume 1.0
		} else {
			w.u16(0)
			w.u16(0)
		}
		w.u16(0)
		for _, m := range identity {
			w.u32(m)
		}
		w.raw(size) // width and height, 16.16
	})
	w.box("edts", func() {
		w.full("elst", 0, 0, func() {
			w.u32(1)
			w.u32(uint32(movieDur))
			w.u32(uint32(start))
			w.u32(0x10000) // at rate 1
		})
	})
}

func mediaHeader(w *builder, ts uint32, dur uint64, handler, name string) {
	w.full("mdhd", 0, 0, func() {
		w.zeros(8)
		w.u32(ts)
		w.u32(uint32(dur))
		w.u16(0x55c4) // language "und"
		w.u16(0)
	})
	w.full("hdlr", 0, 0, func() {
		w.u32(0)
		w.raw([]byte(handler))
		w.zeros(12)
		w.raw(append([]byte(name), 0))
	})
}

func dataInfo(w *builder) {
	w.box("dinf", func() {
		w.full("dref", 0, 0, func() {
			w.u32(1)
			w.full("url ", 0, 1, func() {}) // the media is in this file
		})
	})
}

func (l *layout) videoTrak(w *builder, movieDur, dur uint64, wide bool) {
	s0 := l.segs[0]
	size := make([]byte, 8)
	if n := len(s0.tkhd); n >= 8 {
		copy(size, s0.tkhd[n-8:])
	}
	w.box("trak", func() {
		trackHeader(w, 1, movieDur, false, size, s0.delay)
		w.box("mdia", func() {
			mediaHeader(w, s0.timescale, dur, "vide", "VideoHandler")
			w.box("minf", func() {
				w.full("vmhd", 0, 1, func() { w.zeros(8) })
				dataInfo(w)
				w.box("stbl", func() {
					durations := make([]uint32, len(l.video))
					sizes := make([]uint32, len(l.video))
					var syncs []uint32
					var total uint64
					for i, r := range l.video {
						s := l.segs[r.seg]
						durations[i], sizes[i] = s.durations[r.i], s.sizes[r.i]
						total += uint64(sizes[i])
						if s.sync[r.i] {
							syncs = append(syncs, uint32(i+1))
						}
					}
					bitrate := uint32(total * 8 * uint64(s0.timescale) / max(1, dur))
					w.full("stsd", 0, 0, func() {
						w.u32(1)
						w.box(s0.entryType, func() {
							w.raw(s0.entry)
							w.box("btrt", func() {
								w.u32(0)
								w.u32(bitrate)
								w.u32(bitrate)
							})
						})
					})
					timeToSample(w, durations)
					if s0.cts != nil {
						l.compositionOffsets(w)
					}
					if len(syncs) < len(l.video) {
						w.full("stss", 0, 0, func() {
							w.u32(uint32(len(syncs)))
							for _, k := range syncs {
								w.u32(k)
							}
						})
					}
					l.chunkTables(w, false, sizes, wide)
				})
			})
		})
	})
}

func (l *layout) audioTrak(w *builder, movieDur, dur uint64, wide bool) {
	n := len(l.aac.frames)
	sizes := make([]uint32, n)
	var total uint64
	for i, f := range l.aac.frames {
		sizes[i] = uint32(len(f))
		total += uint64(len(f))
	}
	bitrate := uint32(total * 8 * uint64(l.aac.rate) / max(1, dur))
	w.box("trak", func() {
		trackHeader(w, 2, movieDur, true, make([]byte, 8), 0)
		w.box("mdia", func() {
			mediaHeader(w, l.aac.rate, dur, "soun", "SoundHandler")
			w.box("minf", func() {
				w.full("smhd", 0, 0, func() { w.zeros(4) })
				dataInfo(w)
				w.box("stbl", func() {
					w.full("stsd", 0, 0, func() {
						w.u32(1)
						w.box("mp4a", func() {
							w.zeros(6)
							w.u16(1) // data reference index
							w.zeros(8)
							w.u16(2)  // channel count: 2, as ffmpeg writes for AAC (the config says)
							w.u16(16) // sample size
							w.zeros(4)
							w.u32(l.aac.rate << 16)
							esds(w, l.aac.asc, bitrate)
							w.box("btrt", func() {
								w.u32(0)
								w.u32(bitrate)
								w.u32(bitrate)
							})
						})
					})
					durations := make([]uint32, n)
					for i := range durations {
						durations[i] = 1024
					}
					timeToSample(w, durations)
					l.chunkTables(w, true, sizes, wide)
					// Every AAC frame needs the one before it to decode (roll distance -1).
					w.full("sgpd", 1, 0, func() {
						w.raw([]byte("roll"))
						w.u32(2)
						w.u32(1)
						w.u16(0xffff)
					})
					w.full("sbgp", 0, 0, func() {
						w.raw([]byte("roll"))
						w.u32(1)
						w.u32(uint32(n))
						w.u32(1)
					})
				})
			})
		})
	})
}

// esds writes the MPEG-4 elementary stream descriptor of an AAC track.
func esds(w *builder, asc []byte, bitrate uint32) {
	desc := func(tag uint8, n int, body func()) {
		w.u8(tag)
		w.raw([]byte{0x80, 0x80, 0x80, byte(n)}) // the length in four bytes, as ffmpeg
		body()
	}
	dsi := 5 + len(asc)
	dcd := 13 + dsi
	w.full("esds", 0, 0, func() {
		desc(3, 3+5+dcd+5+1, func() {
			w.u16(2) // ES_ID: the track
			w.u8(0)
			desc(4, dcd, func() {
				w.u8(0x40) // MPEG-4 audio
				w.u8(0x15) // audio stream
				w.raw([]byte{0, 0, 0})
				w.u32(bitrate)
				w.u32(bitrate)
				desc(5, len(asc), func() { w.raw(asc) })
			})
			desc(6, 1, func() { w.u8(2) })
		})
	})
}

// compositionOffsets writes the video's ctts, run-length coded.
func (l *layout) compositionOffsets(w *builder) {
	type run struct {
		n   uint32
		off int32
	}
	var runs []run
	neg := false
	for _, r := range l.video {
		off := l.segs[r.seg].cts[r.i]
		neg = neg || off < 0
		if k := len(runs) - 1; k >= 0 && runs[k].off == off {
			runs[k].n++
		} else {
			runs = append(runs, run{1, off})
		}
	}
	version := uint8(0)
	if neg {
		version = 1 // signed offsets
	}
	w.full("ctts", version, 0, func() {
		w.u32(uint32(len(runs)))
		for _, r := range runs {
			w.u32(r.n)
			w.u32(uint32(r.off))
		}
	})
}

// timeToSample writes stts, run-length coded.
func timeToSample(w *builder, durations []uint32) {
	type run struct{ n, d uint32 }
	var runs []run
	for _, d := range durations {
		if k := len(runs) - 1; k >= 0 && runs[k].d == d {
			runs[k].n++
		} else {
			runs = append(runs, run{1, d})
		}
	}
	w.full("stts", 0, 0, func() {
		w.u32(uint32(len(runs)))
		for _, r := range runs {
			w.u32(r.n)
			w.u32(r.d)
		}
	})
}

// chunkTables writes stsc, stsz and stco (co64 when wide) for one track's chunks.
func (l *layout) chunkTables(w *builder, audio bool, sizes []uint32, wide bool) {
	var chunks []chunk
	for _, c := range l.chunks {
		if c.audio == audio {
			chunks = append(chunks, c)
		}
	}
	w.full("stsc", 0, 0, func() {
		type entry struct{ first, n uint32 }
		var es []entry
		for i, c := range chunks {
			if n := uint32(c.hi - c.lo); len(es) == 0 || es[len(es)-1].n != n {
				es = append(es, entry{uint32(i + 1), n})
			}
		}
		w.u32(uint32(len(es)))
		for _, e := range es {
			w.u32(e.first)
			w.u32(e.n)
			w.u32(1) // sample description 1
		}
	})
	w.full("stsz", 0, 0, func() {
		w.u32(0)
		w.u32(uint32(len(sizes)))
		for _, s := range sizes {
			w.u32(s)
		}
	})
	if wide {
		w.full("co64", 0, 0, func() {
			w.u32(uint32(len(chunks)))
			for _, c := range chunks {
				w.u64(uint64(c.offset))
			}
		})
		return
	}
	w.full("stco", 0, 0, func() {
		w.u32(uint32(len(chunks)))
		for _, c := range chunks {
			w.u32(uint32(c.offset))
		}
	})
}
