package server

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"

	fathom "fathom.dev/sdk"
)

// The supervisor owns the listening socket and runs one current worker process that serves it.
// Goroutines cannot be killed, so when a handler ignores its deadline the worker reports
// "retire": the supervisor starts a fresh worker on the same socket (connections wait in the
// socket's backlog meanwhile, none is refused) and the old one stops accepting, finishes its other
// calls and exits, which stops the abandoned work. SIGTERM is forwarded to every worker; the
// supervisor exits 0 once they have drained and exited.

type workerProcess struct {
	number  int
	cmd     *exec.Cmd
	ready   bool
	started time.Time
}

type workerEvent struct {
	worker *workerProcess
	kind   string // "ready", "retire" or "exit"
	code   int
}

func supervise(cfg Config, log *fathom.Logger) int {
	listener, err := net.Listen("tcp", fmt.Sprintf(":%d", cfg.Port))
	if err != nil {
		fathom.NewLogger(os.Stderr, "").Errorf("start-up failed: PORT=%d: cannot listen: %v", cfg.Port, err)
		return 2
	}
	socket, err := listener.(*net.TCPListener).File()
	listener.Close()
	if err != nil {
		fathom.NewLogger(os.Stderr, "").Errorf("start-up failed: cannot share the socket on PORT=%d: %v", cfg.Port, err)
		return 2
	}
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	events := make(chan workerEvent, 16)
	live := map[*workerProcess]bool{}
	count := 0
	spawn := func() (*workerProcess, error) {
		count++
		worker, err := startWorker(count, socket, events)
		if err == nil {
			live[worker] = true
		}
		return worker, err
	}
	current, err := spawn()
	if err != nil {
		fathom.NewLogger(os.Stderr, "").Error("start-up failed: cannot start a worker: " + err.Error())
		return 2
	}
	log.Infof("listening on port %d", cfg.Port)
	var drainTimeout <-chan time.Time
	for {
		select {
		case <-signals:
			if drainTimeout == nil {
				log.Infof("draining: in-flight calls have FATHOM_DRAIN_SECONDS=%d to finish", int(cfg.Drain/time.Second))
				for worker := range live {
					_ = worker.cmd.Process.Signal(syscall.SIGTERM)
				}
				drainTimeout = time.After(cfg.Drain + 5*time.Second)
			}
		case <-drainTimeout:
			log.Error("workers did not stop after the drain period; killing them")
			for worker := range live {
				_ = worker.cmd.Process.Kill()
			}
			return 1
		case event := <-events:
			switch event.kind {
			case "ready":
				event.worker.ready = true
			case "retire":
				if event.worker == current && drainTimeout == nil {
					if current, err = spawn(); err != nil {
						log.Error("cannot start a replacement worker: " + err.Error())
						return 1
					}
					log.Infof("worker %d retired after a call ignored its deadline; worker %d takes over", event.worker.number, current.number)
				}
			case "exit":
				delete(live, event.worker)
				if drainTimeout != nil {
					if len(live) == 0 {
						log.Info("drained; exiting")
						return 0
					}
					continue
				}
				if event.worker != current {
					continue // a retired worker finished
				}
				if !event.worker.ready {
					return 2 // start-up failure; the worker printed the cause
				}
				log.Errorf("worker %d exited unexpectedly (code %d); starting a new one", event.worker.number, event.code)
				if time.Since(event.worker.started) < 5*time.Second {
					time.Sleep(time.Second) // avoid a tight crash loop
				}
				if current, err = spawn(); err != nil {
					log.Error("cannot start a replacement worker: " + err.Error())
					return 1
				}
			}
		}
	}
}

func startWorker(number int, socket *os.File, events chan<- workerEvent) (*workerProcess, error) {
	executable, err := os.Executable()
	if err != nil {
		return nil, err
	}
	reader, writer, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(executable, os.Args[1:]...)
	cmd.Env = append(os.Environ(), roleEnv+"=worker")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.ExtraFiles = []*os.File{socket, writer} // fds 3 and 4
	setParentDeathSignal(cmd)
	err = cmd.Start()
	writer.Close()
	if err != nil {
		reader.Close()
		return nil, err
	}
	worker := &workerProcess{number: number, cmd: cmd, started: time.Now()}
	go func() {
		lines := bufio.NewScanner(reader)
		for lines.Scan() {
			events <- workerEvent{worker: worker, kind: lines.Text()}
		}
		reader.Close()
		code := 0
		if err := cmd.Wait(); err != nil {
			code = 1
			var exit *exec.ExitError
			if errors.As(err, &exit) && exit.ExitCode() > 0 {
				code = exit.ExitCode()
			}
		}
		events <- workerEvent{worker: worker, kind: "exit", code: code}
	}()
	return worker, nil
}
