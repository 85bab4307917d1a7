package com.aiaops.telemetry;

import com.aiaops.shared.KeptSet;
import jakarta.enterprise.inject.spi.CDI;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostCommitDeleteEventListener;
import org.hibernate.event.spi.PostCommitInsertEventListener;
import org.hibernate.event.spi.PostCommitUpdateEventListener;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Renews the answers kept about an organisation's set of objects of one kind ({@link KeptSet}) in the {@link QueryCache}
 * once one of them changes: every committed insert, update or delete of an entity that is a {@link KeptSet.Member}
 * renews its organisation's set generation, on every node, once the transaction has committed — from Hibernate's
 * post-commit events, so no service has to remember to announce a change, and a rolled-back change announces nothing. A
 * change made by a bulk JPQL statement passes Hibernate's events by: whoever makes one fires {@link KeptSet.Changed}
 * in its transaction, which {@link QueryCache} observes (a restore, which writes with SQL, clears the whole cache).
 */
public class KeptSetChanges implements Integrator, PostCommitInsertEventListener, PostCommitUpdateEventListener, PostCommitDeleteEventListener {

    private volatile QueryCache cache;

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        EventListenerRegistry listeners = sessionFactory.getServiceRegistry().requireService(EventListenerRegistry.class);
        listeners.appendListeners(EventType.POST_COMMIT_INSERT, this);
        listeners.appendListeners(EventType.POST_COMMIT_UPDATE, this);
        listeners.appendListeners(EventType.POST_COMMIT_DELETE, this);
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        cache = null;
    }

    /** Only members' actions are kept until the transaction completes; every other entity costs nothing more. */
    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return KeptSet.Member.class.isAssignableFrom(persister.getMappedClass());
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        changed(event.getEntity(), event.getPersister());
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        changed(event.getEntity(), event.getPersister());
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        changed(event.getEntity(), event.getPersister());
    }

    // A change that did not commit changed nothing that is kept.
    @Override
    public void onPostInsertCommitFailed(PostInsertEvent event) {
    }

    @Override
    public void onPostUpdateCommitFailed(PostUpdateEvent event) {
    }

    @Override
    public void onPostDeleteCommitFailed(PostDeleteEvent event) {
    }

    @SuppressWarnings("unchecked")
    private void changed(Object entity, EntityPersister persister) {
        if (entity instanceof KeptSet.Member member) {
            queryCache().invalidateSet(member.organizationId(), KeptSet.of((Class<? extends KeptSet.Member>) persister.getMappedClass()));
        }
    }

    /** Looked up on first use: Hibernate makes this integrator before the application's beans can be asked for. */
    private QueryCache queryCache() {
        QueryCache found = cache;
        if (found == null) {
            found = CDI.current().select(QueryCache.class).get();
            cache = found;
        }
        return found;
    }
}
