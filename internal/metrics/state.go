package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Sample is one value of a gauge read at scrape time, with its label values in the order
// the gauge names them.
type Sample struct {
	Labels []string
	Value  float64
}

// ReadFunc reads a gauge's samples, typically from the database.
type ReadFunc func(ctx context.Context) ([]Sample, error)

// ScrapeTimeout bounds one ReadFunc at a scrape.
const ScrapeTimeout = 5 * time.Second

// Gauge registers a gauge named Namespace_name whose samples read returns at each scrape. A
// read that fails makes the scrape report the error for that gauge and serve the others.
func (m *Metrics) Gauge(name, help string, labels []string, read ReadFunc) {
	m.reg.MustRegister(&readCollector{
		desc: prometheus.NewDesc(prometheus.BuildFQName(Namespace, "", name), help, labels, nil),
		read: read,
	})
}

type readCollector struct {
	desc *prometheus.Desc
	read ReadFunc
}

func (c *readCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *readCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), ScrapeTimeout)
	defer cancel()
	samples, err := c.read(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	for _, s := range samples {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, s.Value, s.Labels...)
	}
}
