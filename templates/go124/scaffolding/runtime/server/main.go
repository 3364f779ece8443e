package server

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	fathom "fathom.dev/sdk"
)

// roleEnv marks the worker processes the supervisor starts (see supervisor.go).
const roleEnv = "FATHOM_RUNTIME_ROLE"

// Worker processes inherit the listening socket as fd 3 and a pipe to the supervisor as fd 4.
const (
	listenerFD = 3
	notifyFD   = 4
)

// Main runs the function server and exits; the generated main package calls it with
// function.Handle.
func Main(handler Handler) {
	os.Exit(Run(handler))
}

// Run runs the supervisor, or a worker when started by the supervisor, and returns the exit code.
func Run(handler Handler) int {
	log := fathom.NewLogger(os.Stdout, "")
	cfg, err := OSConfig()
	if err != nil {
		fathom.NewLogger(os.Stderr, "").Error("start-up failed: " + err.Error())
		return 2
	}
	if os.Getenv(roleEnv) == "worker" {
		return runWorker(cfg, handler, log)
	}
	for _, warning := range cfg.Warnings {
		log.Warning(warning)
	}
	return supervise(cfg, log)
}

func runWorker(cfg Config, handler Handler, log *fathom.Logger) int {
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	listenerFile := os.NewFile(listenerFD, "listener")
	notify := os.NewFile(notifyFD, "notify")
	listener, err := net.FileListener(listenerFile)
	listenerFile.Close()
	if err != nil {
		fathom.NewLogger(os.Stderr, "").Error("start-up failed: worker cannot use the inherited socket: " + err.Error())
		return 2
	}
	retire := make(chan struct{}, 1)
	worker := NewWorker(cfg, handler, log, func() {
		select {
		case retire <- struct{}{}:
		default:
		}
	})
	server := &http.Server{Handler: worker, ReadHeaderTimeout: 30 * time.Second}
	go func() { _ = server.Serve(listener) }()
	_, _ = notify.WriteString("ready\n")

	select {
	case <-signals:
		worker.Drain()
		if !worker.WaitIdle(cfg.Drain) {
			log.Warningf("calls still running after FATHOM_DRAIN_SECONDS=%d; stopping anyway", int(cfg.Drain/time.Second))
		}
		shutdown(server, time.Now().Add(time.Second))
		return 0
	case <-retire:
		_, _ = notify.WriteString("retire\n")
		server.SetKeepAlivesEnabled(false)
		// Stop accepting at once; let the other calls run until their deadlines (or the drain
		// period once SIGTERM arrives); then exit, which stops the abandoned handler.
		stop := worker.LatestDeadline().Add(time.Second)
		ctx, cancel := context.WithDeadline(context.Background(), stop)
		defer cancel()
		go func() {
			select {
			case <-signals:
				worker.Drain()
				time.AfterFunc(cfg.Drain, cancel)
			case <-ctx.Done():
			}
		}()
		_ = server.Shutdown(ctx)
		return 0
	}
}

func shutdown(server *http.Server, until time.Time) {
	ctx, cancel := context.WithDeadline(context.Background(), until)
	defer cancel()
	_ = server.Shutdown(ctx)
}
