package ai.flatkey.migrate.bench;

import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.Relay;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Bare relays (nothing recorded) carried by Netty 4.1 (NIO transport), for {@link ProxyServerChoiceBenchTest}:
 * <ul>
 * <li>{@link #overRelay}: Netty's HTTP server in front of the proxy's own upstream path ({@link Relay}, OkHttp, on a
 *   blocking thread per call in flight) — what swapping only the server would give;</li>
 * <li>{@link #allNetty}: server and upstream client both on Netty's event loops, upstream connections pooled per
 *   loop, the answer forwarded piece by piece as it arrives — the upper bound of a Netty proxy, which would no longer
 *   go through the app's HTTP stack (its proxies, CA bundle).</li>
 * </ul>
 * Bench code: HTTP/1.1 only, no timeouts, no request streaming (requests are aggregated, up to 1 MiB).
 */
final class NettyRelays implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel server;

    private NettyRelays(EventLoopGroup group, Channel server) {
        this.group = group;
        this.server = server;
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static NettyRelays serve(int loops, java.util.function.Supplier<io.netty.channel.ChannelHandler> handler)
            throws InterruptedException {
        EventLoopGroup group = new NioEventLoopGroup(loops, new io.netty.util.concurrent.DefaultThreadFactory(
                "netty-relay", true));
        Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), handler.get());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        return new NettyRelays(group, ch);
    }

    // ------------------------------------------------------------------ Netty server, OkHttp upstream

    /** Netty's server; each request relayed by {@link Relay} on a thread of {@code blocking}. */
    static NettyRelays overRelay(Relay relay, ExecutorService blocking, int loops) throws InterruptedException {
        return serve(loops, () -> new SimpleChannelInboundHandler<FullHttpRequest>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                req.headers().forEach(h -> headers.add(Map.entry(h.getKey(), h.getValue())));
                Relay.Outgoing out = new Relay.Outgoing(req.method().name(), req.uri(), headers,
                        ByteBufUtil.getBytes(req.content()));
                blocking.execute(() -> relayOne(relay, out, ctx));
            }
        });
    }

    private static void relayOne(Relay relay, Relay.Outgoing out, ChannelHandlerContext ctx) {
        try (Relay.Answer a = relay.send(out, new Cancellation()); InputStream in = a.body()) {
            HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.status()));
            a.headers().forEach(h -> res.headers().add(h.getKey(), h.getValue()));
            long len = a.contentLength();
            if (len < 0) {
                HttpUtil.setTransferEncodingChunked(res, true);
            } else {
                res.headers().set(HttpHeaderNames.CONTENT_LENGTH, len);
            }
            byte[] buf = new byte[16 * 1024];
            boolean headersSent = false;
            long sent = 0;
            boolean ended = false;
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sent += n;
                // The piece that completes a known length is the last one, sent as such at once: the app may send its
                // next request as soon as it has the body, and an end sent after it would reach the encoder after
                // the next answer's headers.
                ended = len >= 0 && sent >= len;
                HttpContent piece = ended ? new DefaultLastHttpContent(Unpooled.copiedBuffer(buf, 0, n))
                        : new DefaultHttpContent(Unpooled.copiedBuffer(buf, 0, n));
                boolean first = !headersSent;
                headersSent = true;
                // one task on the event loop per read: the headers go with the first piece
                ctx.channel().eventLoop().execute(() -> {
                    if (first) {
                        ctx.write(res);
                    }
                    ctx.writeAndFlush(piece);
                });
                if (ended) {
                    break;
                }
            }
            if (!ended) {
                boolean first = !headersSent;
                ctx.channel().eventLoop().execute(() -> {
                    if (first) {
                        ctx.write(res);
                    }
                    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                });
            }
        } catch (IOException | RuntimeException e) {
            ctx.close();
        }
    }

    // ------------------------------------------------------------------ all on Netty

    private static final java.util.Set<String> HOP_BY_HOP = java.util.Set.of("connection", "keep-alive",
            "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer", "upgrade", "host");

    /** Server and upstream client on Netty's event loops; upstream connections kept per loop. */
    static NettyRelays allNetty(String upstreamBaseUrl, int loops) throws InterruptedException {
        URI u = URI.create(upstreamBaseUrl);
        InetSocketAddress upstream = new InetSocketAddress(u.getHost(), u.getPort());
        String host = u.getHost() + ":" + u.getPort();
        Map<EventLoop, ArrayDeque<Channel>> pools = new ConcurrentHashMap<>();
        return serve(loops, () -> new SimpleChannelInboundHandler<FullHttpRequest>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                DefaultFullHttpRequest up = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, req.method(), req.uri(),
                        req.content().retain());
                copyHeaders(req.headers(), up.headers());
                up.headers().set(HttpHeaderNames.HOST, host);
                up.headers().set(HttpHeaderNames.CONTENT_LENGTH, req.content().readableBytes());
                EventLoop loop = ctx.channel().eventLoop();
                ArrayDeque<Channel> pool = pools.computeIfAbsent(loop, k -> new ArrayDeque<>());
                Channel idle = pool.pollFirst();
                while (idle != null && !idle.isActive()) {
                    idle = pool.pollFirst();
                }
                if (idle != null) {
                    send(idle, up, ctx.channel(), pool);
                    return;
                }
                new Bootstrap().group(loop).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel c) {
                                c.pipeline().addLast(new HttpClientCodec(), new Upstream());
                            }
                        }).connect(upstream).addListener((ChannelFutureListener) f -> {
                            if (f.isSuccess()) {
                                send(f.channel(), up, ctx.channel(), pool);
                            } else {
                                up.release();
                                ctx.close();
                            }
                        });
            }
        });
    }

    private static void send(Channel upstream, FullHttpRequest req, Channel app, ArrayDeque<Channel> pool) {
        Upstream u = upstream.pipeline().get(Upstream.class);
        u.app = app;
        u.pool = pool;
        upstream.writeAndFlush(req);
    }

    private static void copyHeaders(HttpHeaders from, HttpHeaders to) {
        for (Map.Entry<String, String> h : from) {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                to.add(h.getKey(), h.getValue());
            }
        }
    }

    /** Forwards the upstream's answer to the app piece by piece; the connection goes back to its loop's pool. */
    private static final class Upstream extends SimpleChannelInboundHandler<HttpObject> {
        Channel app;
        ArrayDeque<Channel> pool;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse r) {
                HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, r.status());
                copyHeaders(r.headers(), res.headers());
                app.write(res);
            }
            if (msg instanceof HttpContent c) {
                boolean last = c instanceof LastHttpContent;
                Channel to = app;
                if (last) {
                    app = null;
                    pool.addFirst(ctx.channel());
                }
                to.writeAndFlush(last ? new DefaultLastHttpContent(c.content().retain())
                        : new DefaultHttpContent(c.content().retain()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (app != null) {
                app.close();
            }
            ctx.close();
        }
    }
}
