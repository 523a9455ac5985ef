//go:build race

package envelope

// raceDetector reports that the tests run under the race detector.
const raceDetector = true
