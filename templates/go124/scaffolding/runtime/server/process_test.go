package server

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The test binary doubles as the server: with FATHOM_TEST_SERVER=1 it runs Run(testHandler), as
// a supervisor that starts copies of itself as workers.
func TestMain(m *testing.M) {
	if os.Getenv("FATHOM_TEST_SERVER") == "1" {
		os.Exit(Run(testHandler))
	}
	os.Exit(m.Run())
}

func freePort(t *testing.T) int {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close()
	return listener.Addr().(*net.TCPAddr).Port
}

func startServer(t *testing.T) (*exec.Cmd, string) {
	port := freePort(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "FATHOM_TEST_SERVER=1", "PORT="+strconv.Itoa(port), "FATHOM_DRAIN_SECONDS=5")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	for i := 0; i < 100; i++ {
		if response, err := http.Get(base + "/_/ready"); err == nil {
			response.Body.Close()
			if response.StatusCode == 200 {
				return cmd, base
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	_ = cmd.Process.Kill()
	t.Fatal("server did not become ready")
	return nil, ""
}

func post(t *testing.T, base, body string, deadline time.Duration) int {
	request, _ := http.NewRequest("POST", base+"/invoke", strings.NewReader(body))
	if deadline > 0 {
		request.Header.Set("X-Fathom-Deadline-Ms", strconv.FormatInt(time.Now().Add(deadline).UnixMilli(), 10))
	}
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		t.Fatalf("POST %s: %v", body, err)
	}
	response.Body.Close()
	return response.StatusCode
}

func TestProcess_timeoutReplacesWorkerAndNextCallSucceeds(t *testing.T) {
	cmd, base := startServer(t)
	defer func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() }()
	if status := post(t, base, `{"action":"sleep","ms":30000}`, 200*time.Millisecond); status != 504 {
		t.Fatalf("sleep past the deadline: %d", status)
	}
	for i := 0; i < 20; i++ { // immediately and while the old worker retires
		if status := post(t, base, `{"action":"echo","value":1}`, 0); status != 200 {
			t.Fatalf("call %d after the timeout: %d", i, status)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if n := countProcesses(t, cmd.Process.Pid); n != 1 {
		t.Fatalf("want 1 worker left after the stuck one exited, found %d", n)
	}
}

func TestProcess_sigtermDrainsInFlightCallAndExitsZero(t *testing.T) {
	cmd, base := startServer(t)
	result := make(chan int, 1)
	go func() { result <- post(t, base, `{"action":"sleep","ms":1000}`, 0) }()
	time.Sleep(300 * time.Millisecond)
	_ = cmd.Process.Signal(syscall.SIGTERM)
	time.Sleep(100 * time.Millisecond)
	if status := post(t, base, `{"action":"echo"}`, 0); status != 503 {
		t.Errorf("new call while draining: %d, want 503", status)
	}
	if status := <-result; status != 200 {
		t.Errorf("in-flight call: %d, want 200", status)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after drain: %v", err)
	}
}

// countProcesses counts the children of pid (Linux /proc).
func countProcesses(t *testing.T, pid int) int {
	entries, _ := os.ReadDir("/proc")
	count := 0
	for _, entry := range entries {
		file, err := os.Open("/proc/" + entry.Name() + "/stat")
		if err != nil {
			continue
		}
		line, _ := bufio.NewReader(file).ReadString('\n')
		file.Close()
		fields := strings.Fields(line[strings.LastIndex(line, ")")+1:])
		if len(fields) > 1 && fields[1] == strconv.Itoa(pid) {
			count++
		}
	}
	return count
}
