// Command sendbench measures the peak memory and the throughput of sending
// one envelope with a large document, through envelope.Service.Create and
// through two baselines: the usual request (the document base64-encoded in
// the JSON definition, built with json.Marshal) and the floor (the
// document's bytes alone, streamed in one POST). Each send runs in its own
// process, so its peak RSS is its own; the sink that receives the requests
// runs in this process.
//
//	go run ./internal/sendbench                  # 1, 64 and 256 MiB
//	go run ./internal/sendbench -sizes 1,16 -runs 5
//
// See README.md for the figures and how to read them.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// result is what a child reports of its one send.
type result struct {
	Method  string        `json:"method"`
	Size    int64         `json:"size"`
	Elapsed time.Duration `json:"elapsed"`
	PeakRSS int64         `json:"peak_rss"` // bytes, from VmHWM
}

func main() {
	child := flag.String("child", "", "run one send with this method (sdk, json, raw) and "+
		"print its result; used by the parent")
	url := flag.String("url", "", "with -child: the sink's URL")
	size := flag.Int64("size", 0, "with -child: the document's size in bytes")
	sizes := flag.String("sizes", "1,64,256", "document sizes in MiB, comma-separated")
	runs := flag.Int("runs", 0, "runs per method and size, the median reported; 0 runs "+
		"small sizes more often, since their times are short and noisy")
	flag.Parse()
	log.SetFlags(0)

	if *child != "" {
		if err := runChild(*child, *url, *size); err != nil {
			log.Fatalf("sendbench %s: %v", *child, err)
		}
		return
	}
	mibs, err := parseSizes(*sizes)
	if err != nil {
		log.Fatal(err)
	}
	if err := runParent(mibs, *runs); err != nil {
		log.Fatal(err)
	}
}

func parseSizes(s string) ([]int64, error) {
	var out []int64
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("-sizes: %q is not a size in MiB", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// runChild sends once and prints the result as JSON on stdout.
func runChild(name, url string, size int64) error {
	send, ok := method(name)
	if !ok {
		return fmt.Errorf("unknown method %q", name)
	}
	start := time.Now()
	if err := send(context.Background(), url, size); err != nil {
		return err
	}
	elapsed := time.Since(start)
	peak, err := peakRSS()
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(result{Method: name, Size: size,
		Elapsed: elapsed, PeakRSS: peak})
}

// runParent starts the sink, runs every method at every size in child
// processes, and prints the report.
func runParent(mibs []int64, runs int) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	s := newSink()
	defer s.Close()
	var rows []row
	for _, mib := range mibs {
		size := mib << 20
		results := map[string][]result{}
		for run := range runsFor(runs, mib) {
			// The methods take turns, each run in another order, so that
			// neither a slow moment of the machine nor the aftermath of the
			// json method's large allocations favours one method.
			for i := range methodNames {
				name := methodNames[(run+i)%len(methodNames)]
				r, err := runOnce(exe, name, s.URL, size)
				if err != nil {
					return err
				}
				if got := s.received.Load(); got < size {
					return fmt.Errorf("%s at %d MiB: the sink received %d bytes", name, mib, got)
				}
				results[name] = append(results[name], r)
			}
		}
		for _, name := range methodNames {
			rows = append(rows, summarize(results[name]))
		}
	}
	printReport(os.Stdout, rows)
	return nil
}

// runsFor returns how many times to run each method at a size: n when
// set, otherwise enough runs for the median of short sends to settle.
func runsFor(n int, mib int64) int {
	if n > 0 {
		return n
	}
	return int(min(max(7, 512/mib), 25))
}

func runOnce(exe, name, url string, size int64) (result, error) {
	cmd := exec.Command(exe, "-child", name, "-url", url, "-size", strconv.FormatInt(size, 10))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return result{}, fmt.Errorf("%s: %w", name, err)
	}
	var r result
	if err := json.Unmarshal(out, &r); err != nil {
		return result{}, fmt.Errorf("%s: reading the child's result: %w", name, err)
	}
	if rss := childMaxRSS(cmd.ProcessState); rss > r.PeakRSS {
		r.PeakRSS = rss // getrusage counts what happened after VmHWM was read
	}
	return r, nil
}
