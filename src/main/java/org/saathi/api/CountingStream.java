package org.saathi.api;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/** A body stream that refuses to go on past the size limit or past its deadline. */
final class CountingStream extends ServletInputStream {

    private final ServletInputStream delegate;
    private final long deadline;
    private long count;

    CountingStream(ServletInputStream delegate, long deadline) {
        this.delegate = delegate;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        onTime();
        int next = delegate.read();
        if (next >= 0) {
            count(1);
        }
        return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        onTime();
        int read = delegate.read(buffer, offset, length);
        if (read > 0) {
            count(read);
        }
        return read;
    }

    private void count(int read) throws IOException {
        onTime();
        count += read;
        if (count > RequestBodyLimit.LIMIT.toBytes()) {
            throw new RequestBodyLimit.BodyTooLargeException();
        }
    }

    private void onTime() throws RequestBodyLimit.BodyTooSlowException {
        if (System.nanoTime() - deadline > 0) {
            throw new RequestBodyLimit.BodyTooSlowException();
        }
    }

    @Override
    public boolean isFinished() {
        return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        delegate.setReadListener(listener);
    }
}
