/* task: runs one piece of work on a detached thread of its own and hands
 * its result to the thread that started it, which never waits for it: a
 * file system call on a network share that stopped answering (NFS, SMB)
 * blocks until the share answers, for good on a hard mount, and a kiosk's
 * screen must go on meanwhile, and its exit must not wait.
 * Threads: a task is used by the thread that started it; the work runs
 * on the task's thread, and touches only what it was given. The task's
 * state is under a lock of task.c's, so callers take no lock. */
#ifndef VV_PLAYER_CORE_TASK_H
#define VV_PLAYER_CORE_TASK_H

#include "common/err.h"

struct task;

/* Starts run(arg) on a thread of its own. The task owns `arg` from now
 * on: free_arg(arg) (may be NULL) is called once both the caller let go
 * of the task (task_free()) and run() ended, on whichever thread was
 * last. The vv_error lines run() prints are kept (the first 64) for
 * task_collect(). When no thread can be made, run() runs here before
 * this returns. Returns VV_OK and the task in *out, or VV_ERR_NOMEM
 * after free_arg(arg). */
enum vv_err task_start(void (*run)(void *arg), void (*free_arg)(void *arg),
		       void *arg, struct task **out);

/* Returns 1 once run() ended, else 0 (it may be blocked); NULL: 0. */
int task_done(const struct task *t);

/* Waits until run() ended, `seconds` at most since the task started
 * (task_age()); returns task_done(). For a player at virtual time
 * (headless), whose clock does not wait for a thread. */
int task_wait(const struct task *t, double seconds);

/* Seconds since the task started, on CLOCK_MONOTONIC; NULL: 0. */
double task_age(const struct task *t);

/* After task_done(): reports the vv_error lines run() printed, in order,
 * on the calling thread (stderr and the hook: vv_error_replay()), the
 * first time only, and returns `arg`, which the task still owns (run()
 * wrote its results there). NULL before, or for NULL. */
void *task_collect(struct task *t);

/* Lets go of the task. One still running is abandoned: its thread frees
 * it when run() ends, or never, when the process exits first. NULL is a
 * no-op. */
void task_free(struct task *t);

#endif
