package com.aiaops.web.platform;

import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes every record of an answer as JSON-B's defaults would (properties in lexicographical order, null ones left out;
 * {@code RecordWriterTest} compares the two), without JSON-B's cycle check. That check puts each object it writes into a
 * hash set and takes it out again: a record's hash is computed over everything it holds, so a page of records was hashed
 * once per level of nesting, a fifth of the work of a page of SLO statuses (profiled). An answer made of records cannot
 * hold a cycle. JSON-B still checks the object it is given; {@link RecordAnswers} gives it a {@link Root}, whose hash is
 * its identity.
 */
public final class RecordWriter implements JsonbSerializer<Record> {
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    /** Each record class's properties, found once per class (ClassValue: a read is a field load once the class is known). */
    private static final ClassValue<List<Property>> PROPERTIES = new ClassValue<>() {
        @Override
        protected List<Property> computeValue(Class<?> type) {
            return propertiesOf(type);
        }
    };

    private record Property(String name, MethodHandle getter) {
    }

    /** An answer to write at the top of a document: a class, not a record, so that JSON-B's check does not hash its content. */
    static final class Root {
        private final Object value;

        Root(Object value) {
            this.value = value;
        }
    }

    /** Writes a {@link Root} as the record or map it holds. */
    static final class RootWriter implements JsonbSerializer<Root> {
        private final RecordWriter records;

        RootWriter(RecordWriter records) {
            this.records = records;
        }

        @Override
        public void serialize(Root root, JsonGenerator generator, SerializationContext context) {
            records.write(root.value, generator, context);
        }
    }

    @Override
    public void serialize(Record value, JsonGenerator generator, SerializationContext context) {
        generator.writeStartObject();
        for (Property property : PROPERTIES.get(value.getClass())) {
            Object propertyValue = read(property, value);
            if (propertyValue != null) {
                generator.writeKey(property.name());
                write(propertyValue, generator, context);
            }
        }
        generator.writeEnd();
    }

    /**
     * A value inside a record: records, and the lists and string-keyed maps that hold them, written here (JSON-B would check
     * each element of a list again); the plainest values as JSON-B writes them (the unit test compares), anything else by
     * JSON-B (which looks up how to write a value each time it is handed one: twice the work for a page of statuses).
     */
    private void write(Object value, JsonGenerator generator, SerializationContext context) {
        if (value instanceof String text) {
            generator.write(text);
        } else if (value instanceof Double number && Double.isFinite(number)) {
            generator.write(number);
        } else if (value instanceof Long number) {
            generator.write(number);
        } else if (value instanceof Integer number) {
            generator.write(number);
        } else if (value instanceof Boolean truth) {
            generator.write(truth);
        } else if (value instanceof Enum<?> constant) {
            generator.write(constant.name());
        } else if (value instanceof java.util.UUID || value instanceof java.time.Instant) {
            generator.write(value.toString());
        } else if (value instanceof Record record) {
            serialize(record, generator, context);
        } else if (value instanceof Collection<?> values) {
            generator.writeStartArray();
            for (Object element : values) {
                writeOrNull(element, generator, context);
            }
            generator.writeEnd();
        } else if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeKey((String) entry.getKey());
                writeOrNull(entry.getValue(), generator, context);
            }
            generator.writeEnd();
        } else {
            context.serialize(value, generator);
        }
    }

    private void writeOrNull(Object value, JsonGenerator generator, SerializationContext context) {
        if (value == null) {
            generator.writeNull();
        } else {
            write(value, generator, context);
        }
    }

    private static Object read(Property property, Record value) {
        try {
            return property.getter().invokeExact((Object) value);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("reading " + property.name() + " of " + value.getClass().getName(), e);
        }
    }

    /**
     * The record's components and, as JSON-B reads records, each public no-argument method whose name begins with "get" or
     * "is", named as the method is (isGood() is "isGood").
     */
    private static List<Property> propertiesOf(Class<?> type) {
        Map<String, Method> getters = new java.util.HashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            getters.put(component.getName(), component.getAccessor());
        }
        for (Method method : type.getMethods()) {
            if (readByJsonb(method)) {
                getters.putIfAbsent(method.getName(), method);
            }
        }
        List<Property> properties = new ArrayList<>();
        getters.forEach((name, getter) -> properties.add(new Property(name, handle(getter))));
        properties.sort(Comparator.comparing(Property::name));
        return List.copyOf(properties);
    }

    private static boolean readByJsonb(Method method) {
        return !Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 0 && method.getReturnType() != void.class
                && method.getDeclaringClass() != Object.class && method.getDeclaringClass() != Record.class
                && (method.getName().startsWith("get") || method.getName().startsWith("is"));
    }

    private static MethodHandle handle(Method getter) {
        try {
            getter.setAccessible(true);
            return MethodHandles.lookup().unreflect(getter).asType(GETTER);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
