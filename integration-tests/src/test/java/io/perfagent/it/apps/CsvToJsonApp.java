package io.perfagent.it.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A pipeline made of unmodified libraries, with nothing of the agent in it: Apache Commons CSV
 * reads a generated file of {@code ROWS} orders (header {@code id,customer,amount}) and Jackson
 * writes them as a JSON array of objects, {@code RUNS} times ({@code convert}). Stages come from
 * stage rules only. With {@code --wait} it converts once, prints {@code READY <pid>} and waits
 * for a stdin line (the test attaches meanwhile) before the measured runs.
 *
 * <p>Prints the truth: {@code CONVERT_ALLOC} (bytes this thread allocated inside the measured
 * {@code convert} calls) and {@code WRITE_ALLOC} (inside their {@code writeValue} calls),
 * from {@code com.sun.management.ThreadMXBean}, then {@code DONE}.
 */
public final class CsvToJsonApp {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static long writeAlloc;

  private CsvToJsonApp() {}

  public static void main(String[] args) throws Exception {
    int rows = Integer.parseInt(args[0]);
    int runs = Integer.parseInt(args[1]);
    boolean wait = args.length > 2 && args[2].equals("--wait");
    Path csv = Path.of("orders.csv");
    Path json = Path.of("orders.json");
    generate(csv, rows);
    allocated(); // its first call loads what it needs: not inside a measured window
    if (wait) {
      convert(csv, json); // every class of the pipeline loaded and run before the attach
      System.out.println("READY " + ProcessHandle.current().pid());
      System.out.flush();
      String line = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8)).readLine();
      System.out.println("GO " + line);
    }
    writeAlloc = 0;
    long convertAlloc = 0;
    for (int i = 0; i < runs; i++) {
      long before = allocated();
      convert(csv, json);
      convertAlloc += allocated() - before;
    }
    System.out.println("CONVERT_ALLOC " + convertAlloc);
    System.out.println("WRITE_ALLOC " + writeAlloc);
    System.out.println("JSON_BYTES " + Files.size(json));
    System.out.println("DONE");
  }

  static void convert(Path csv, Path json) throws IOException {
    List<Map<String, String>> orders = new ArrayList<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser parser = format.parse(in)) {
      for (CSVRecord record : parser) {
        Map<String, String> order = new LinkedHashMap<>();
        order.put("id", record.get("id"));
        order.put("customer", record.get("customer"));
        order.put("amount", record.get("amount"));
        orders.add(order);
      }
    }
    long before = allocated();
    MAPPER.writeValue(json.toFile(), orders);
    writeAlloc += allocated() - before;
  }

  private static void generate(Path csv, int rows) throws IOException {
    try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("id,customer,amount\n");
      for (int i = 0; i < rows; i++) {
        out.write(i + ",customer-" + (i % 97) + "," + (i * 7 % 1000) + "." + (i % 100) + "\n");
      }
    }
  }

  private static long allocated() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }
}
