#pragma once

#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace billing::ui {

// What a worker sees of its task: whether it was cancelled (QFuture::cancel) and where its progress goes.
class TaskControl
{
public:
    explicit TaskControl(QPromise<void> &promise) : m_promise(promise) {}

    bool isCancelled() const { return m_promise.isCanceled(); }
    // Progress out of `maximum`; the GUI hears of it through BackgroundTask::onProgress.
    void setProgress(int value, int maximum)
    {
        if (maximum != m_maximum) {
            m_maximum = maximum;
            m_promise.setProgressRange(0, maximum);
        }
        m_promise.setProgressValue(value);
    }

private:
    QPromise<void> &m_promise;
    int m_maximum = 0;
};

// Work off the GUI thread (the global QThreadPool, reporting through a QPromise) for a page or a dialog,
// one run at a time: cancel through the QFuture, progress through the promise, the result back on the
// GUI thread.
// - The worker always runs and always answers, cancelled or not: a cancel is a request it honours where
//   it can (an import rolls back), and what it did comes back even when it finished anyway (an import
//   that committed just before the cancel arrived). So the result travels beside the future, which
//   drops results once cancelled.
// - A run started while one is running supersedes it: the running one is cancelled, its result is
//   dropped as stale, and the new one starts once it has finished.
// - The task is running until onFinished has been called, not only until the worker returned.
// Destroying the task cancels the run and waits for the worker.
template <typename T> class BackgroundTask
{
public:
    using Work = std::function<T(TaskControl &)>;

    BackgroundTask()
    {
        QObject::connect(&m_watcher, &QFutureWatcher<void>::finished, &m_watcher, [this] { onWorkerDone(); });
        QObject::connect(&m_watcher, &QFutureWatcher<void>::progressValueChanged, &m_watcher,
                         [this](int value) {
                             if (m_progress)
                                 m_progress(value, m_watcher.progressMaximum());
                         });
    }
    ~BackgroundTask()
    {
        m_pending.reset();
        m_watcher.cancel();
        m_watcher.waitForFinished();
    }
    BackgroundTask(const BackgroundTask &) = delete;
    BackgroundTask &operator=(const BackgroundTask &) = delete;

    void onFinished(std::function<void(T)> done) { m_done = std::move(done); }
    void onProgress(std::function<void(int value, int maximum)> progress)
    {
        m_progress = std::move(progress);
    }

    void start(Work work)
    {
        if (m_running) {
            m_stale = true;
            m_watcher.cancel();
            m_pending = std::move(work);
            return;
        }
        run(std::move(work));
    }
    void cancel() { m_watcher.cancel(); }
    bool isRunning() const { return m_running; }

private:
    void run(Work work)
    {
        m_running = true;
        m_stale = false;
        auto promise = std::make_shared<QPromise<void>>();
        auto result = std::make_shared<std::optional<T>>();
        m_result = result;
        m_watcher.setFuture(promise->future());
        promise->start();
        QThreadPool::globalInstance()->start([promise, result, work = std::move(work)] {
            TaskControl control(*promise);
            *result = work(control);
            promise->finish();
        });
    }

    void onWorkerDone()
    {
        T result = std::move(**m_result);
        const bool stale = m_stale;
        if (m_pending) {
            Work next = std::move(*m_pending);
            m_pending.reset();
            run(std::move(next));
        } else {
            m_running = false;
        }
        if (!stale && m_done)
            m_done(std::move(result));
    }

    QFutureWatcher<void> m_watcher;
    std::shared_ptr<std::optional<T>> m_result;
    std::optional<Work> m_pending;
    std::function<void(T)> m_done;
    std::function<void(int, int)> m_progress;
    bool m_running = false;
    bool m_stale = false;
};

} // namespace billing::ui
