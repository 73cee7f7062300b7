// Starts Amazon's DynamoDB Local listening on one address only (the local
// runtime passes 127.0.0.1), instead of every interface: the jar has no
// option for that, and its data holds national ids and names in clear.
// It builds the server exactly as DynamoDBLocal.jar's own main does
// (ServerRunner.createServerFromCommandLineArgs with the same arguments) and
// sets the host on its Jetty connector before starting it.
//
// Run by infra/local/dynamo.ts: compiled once with javac when one is there,
// otherwise as a single source file (java LoopbackDynamoDbLocal.java ...).
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class LoopbackDynamoDbLocal {
  private LoopbackDynamoDbLocal() {}

  public static void main(String[] args) throws Exception {
    String host = System.getProperty("introflyt.bindHost", "127.0.0.1");
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    int bound = 0;
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof ServerConnector) {
        ((ServerConnector) connector).setHost(host);
        bound++;
      }
    }
    // Never start listening on every interface: refuse instead.
    if (bound == 0 || bound != server.getConnectors().length) {
      System.err.println("LOOPBACK_BIND_FAILED: DynamoDB Local's connectors could not be bound to " + host);
      System.exit(3);
    }
    proxy.start();
  }
}
