package io.alchemy.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming reader reads what the mapper writes, and what the mapper's bean deserializers
 * read before it, the same way: each case is read both ways and compared.
 */
class RecordJsonTest {

  private static final ObjectMapper MAPPER = StateJson.mapper();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static ResourceRecord full() {
    ObjectNode props = JSON.objectNode().put("path", "a.txt").put("big", 12345678901234L);
    props.putArray("list").add(1).add(2.5).addNull().add(true);
    props.putObject("secret").put(io.alchemy.core.secret.SecretModule.SEALED, "v1:abc==");
    ObjectNode output = JSON.objectNode().put("size", 4).put("sha", "ab");
    Map<String, Map<String, String>> settings = new LinkedHashMap<>();
    settings.put("aws", Map.of("region", "eu-west-1", "endpoint", "http://localhost:9000"));
    settings.put("postgres", Map.of("host", "db"));
    return new ResourceRecord(ResourceRecord.FORMAT_VERSION, "storage/cache", "f1",
        "app/dev/storage/cache/f1", "fs::TextFile", 42, ResourceStatus.UPDATING, props, output,
        JSON.objectNode().put("path", "b.txt"),
        List.of(new ResourceRecord.Instance(TextNode.valueOf("old"), JSON.arrayNode().add(1)),
            // An instance writes a missing output as null, which reads back as a NullNode.
            new ResourceRecord.Instance(JSON.objectNode(), NullNode.getInstance())),
        settings, List.of("a", "storage/b"));
  }

  @Test
  void readsEveryFieldTheMapperWrites() throws Exception {
    for (ResourceRecord record : List.of(full(),
        new ResourceRecord(1, "", "x", "app/dev/x", "t::T", 1, ResourceStatus.CREATING,
            JSON.objectNode(), null, null, null),
        full().withPredecessors(List.of()),
        full().with(ResourceStatus.DELETING, NullNode.getInstance(), null, null))) {
      String json = MAPPER.writeValueAsString(record);
      assertThat(read(json)).isEqualTo(record).isEqualTo(bound(json));
      String pretty = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(record);
      assertThat(read(pretty)).isEqualTo(record);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // format version 1: no predecessors
      "{'formatVersion':1,'scope':'','id':'a','fqn':'app/dev/a','type':'t::T','seq':3,"
          + "'status':'CREATED','props':{'k':'v'},'output':{'o':1}}",
      // unknown fields, in any place and of any shape, are skipped
      "{'later':{'x':[1,{'y':2}]},'scope':'s','id':'a','type':'t','status':'CREATED',"
          + "'more':[[]],'seq':1,'formatVersion':2}",
      // explicit nulls: trees become NullNode, the rest null or 0
      "{'formatVersion':null,'scope':'','id':'a','fqn':null,'type':'t','seq':null,"
          + "'status':'CREATED','props':null,'output':null,'pendingProps':null,'replaced':null,"
          + "'settings':null,'predecessors':null}",
      // the last of two equal fields wins
      "{'scope':'','id':'a','id':'b','type':'t','status':'UPDATED','seq':1,'seq':2}",
      // what Jackson coerces: numbers as strings and floats, scalars as text
      "{'formatVersion':'2','scope':'','id':7,'type':true,'status':'CREATED','seq':3.0}",
      // an empty list of old instances and empty settings read as none
      "{'scope':'','id':'a','type':'t','status':'CREATED','replaced':[],'settings':{},"
          + "'predecessors':[]}",
      "{'scope':'','id':'a','type':'t','status':'CREATED',"
          + "'replaced':[{'props':null,'extra':1}],'settings':{'aws':{'region':'x','n':1}}}"})
  void readsAsTheBeanDeserializersDid(String single) throws Exception {
    String json = single.replace('\'', '"');
    assertThat(read(json)).isEqualTo(bound(json));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[]",
      "'record'",
      "{'scope':'','id':'a','status':'DONE'}",
      "{'scope':'','id':'a','status':1}",
      "{'scope':'','id':'a','seq':'many'}",
      "{'scope':'','id':'a','seq':{}}",
      "{'scope':'','id':'a','formatVersion':12345678901}",
      "{'scope':'','id':{}}",
      "{'scope':'','id':'a','predecessors':'b'}",
      "{'scope':'','id':'a','replaced':{}}",
      "{'scope':'','id':'a','replaced':[1]}",
      "{'scope':'','id':'a','settings':[]}",
      "{'scope':'','id':'a','settings':{'aws':'x'}}"})
  void refusesWhatIsNoResourceRecord(String single) {
    String json = single.replace('\'', '"');
    assertThatThrownBy(() -> read(json)).isInstanceOf(MismatchedInputException.class);
  }

  @Test
  void aRecordWithoutScopeOrIdIsRefused() {
    assertThatThrownBy(() -> read("{\"id\":\"a\"}")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> read("{\"scope\":\"\"}")).isInstanceOf(NullPointerException.class);
  }

  @Test
  void readsScopeRecordsAsTheMapperWritesThem() throws Exception {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    values.put("text", TextNode.valueOf("hello \u00fc"));
    values.put("number", JSON.numberNode(12.5));
    values.put("null", NullNode.getInstance());
    values.put("list", JSON.arrayNode().add(1).add("two"));
    values.put("object", JSON.objectNode().put("nested", "yes"));
    for (ScopeRecord record : List.of(new ScopeRecord(2, "api", values),
        new ScopeRecord(1, "", Map.of()))) {
      String json = MAPPER.writeValueAsString(record);
      assertThat(readScope(json)).isEqualTo(record)
          .isEqualTo(MAPPER.readValue(json, ScopeRecord.class));
    }
    String odd = "{\"values\":null,\"x\":[1],\"scope\":\"a\"}";
    assertThat(readScope(odd)).isEqualTo(MAPPER.readValue(odd, ScopeRecord.class));
    assertThatThrownBy(() -> readScope("{\"scope\":\"a\",\"values\":[]}"))
        .isInstanceOf(MismatchedInputException.class);
  }

  @Test
  void readsFromTrees() throws Exception {
    ResourceRecord record = full();
    assertThat(RecordJson.resource(MAPPER.valueToTree(record))).isEqualTo(record);
    ScopeRecord scope = new ScopeRecord(2, "a", Map.of("k", TextNode.valueOf("v")));
    assertThat(RecordJson.scope(MAPPER.valueToTree(scope))).isEqualTo(scope);
  }

  private static ResourceRecord read(String json) throws Exception {
    try (JsonParser parser = MAPPER.createParser(json)) {
      return RecordJson.readResource(parser);
    }
  }

  private static ScopeRecord readScope(String json) throws Exception {
    try (JsonParser parser = MAPPER.createParser(json)) {
      return RecordJson.readScope(parser);
    }
  }

  private static ResourceRecord bound(String json) throws Exception {
    return MAPPER.readValue(json, ResourceRecord.class);
  }
}
