package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
)

// peakRSS returns this process's peak resident set size in bytes, from
// VmHWM in /proc/self/status (Linux).
func peakRSS() (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.Fields(v)[0], 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/self/status")
}

// childMaxRSS returns a finished child's peak RSS from getrusage, in bytes
// (Linux reports kilobytes), or 0 when unknown.
func childMaxRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss << 10
	}
	return 0
}

// row is one method at one size: the median of its runs.
type row struct {
	method  string
	size    int64
	elapsed time.Duration
	peakRSS int64
}

func (r row) throughput() float64 {
	return float64(r.size) / (1 << 20) / r.elapsed.Seconds()
}

// summarize takes the median time and the largest peak of one method's runs.
func summarize(rs []result) row {
	times := make([]time.Duration, len(rs))
	var peak int64
	for i, r := range rs {
		times[i] = r.Elapsed
		peak = max(peak, r.PeakRSS)
	}
	slices.Sort(times)
	return row{method: rs[0].Method, size: rs[0].Size, elapsed: times[len(times)/2], peakRSS: peak}
}

// printReport writes the table, each row with its throughput as a share of
// the floor's (the raw method) at the same size.
func printReport(w io.Writer, rows []row) {
	floor := map[int64]float64{}
	for _, r := range rows {
		if r.method == "raw" {
			floor[r.size] = r.throughput()
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "size MiB\tmethod\tpeak RSS MiB\ttime\tMiB/s\tof floor\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%s\t%.1f\t%s\t%.0f\t%.0f%%\t\n", r.size>>20, r.method,
			float64(r.peakRSS)/(1<<20), round(r.elapsed), r.throughput(),
			100*r.throughput()/floor[r.size])
	}
	tw.Flush()
}

// round keeps three significant digits or so of a duration.
func round(d time.Duration) time.Duration {
	switch {
	case d >= 100*time.Millisecond:
		return d.Round(time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}
